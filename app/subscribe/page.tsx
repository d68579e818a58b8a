import { outputs, pageComponent, pageMetadata } from '@/lib/render/next';

export const generateMetadata = pageMetadata(outputs.subscribe);
export default pageComponent(outputs.subscribe);
