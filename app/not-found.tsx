import { NotFoundPage } from '@/lib/render/pages/not-found';

export const metadata = { title: 'Page not found' };

export default NotFoundPage;
