import { outputs, pageComponent, pageMetadata, staticParams } from '@/lib/render/next';

export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.maintenance);
export const generateMetadata = pageMetadata(outputs.maintenance);
export default pageComponent(outputs.maintenance);
