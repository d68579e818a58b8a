import { outputs, pageComponent, pageMetadata, staticParams } from '@/lib/render/next';

export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.historyPage);
export const generateMetadata = pageMetadata(outputs.historyPage);
export default pageComponent(outputs.historyPage);
