import { outputs, pageComponent, pageMetadata } from '@/lib/render/next';

export const generateMetadata = pageMetadata(outputs.history);
export default pageComponent(outputs.history);
