import { outputs, pageComponent, pageMetadata, staticParams } from '@/lib/render/next';

export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.report);
export const generateMetadata = pageMetadata(outputs.report);
export default pageComponent(outputs.report);
