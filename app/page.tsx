import { outputs, pageComponent, pageMetadata } from '@/lib/render/next';

export const generateMetadata = pageMetadata(outputs.home);
export default pageComponent(outputs.home);
