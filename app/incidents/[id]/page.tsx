import { outputs, pageComponent, pageMetadata, staticParams } from '@/lib/render/next';

export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.incident);
export const generateMetadata = pageMetadata(outputs.incident);
export default pageComponent(outputs.incident);
