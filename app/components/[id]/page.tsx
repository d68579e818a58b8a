import { outputs, pageComponent, pageMetadata, staticParams } from '@/lib/render/next';

export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.component);
export const generateMetadata = pageMetadata(outputs.component);
export default pageComponent(outputs.component);
