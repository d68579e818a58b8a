import { fileRoute, outputs } from '@/lib/render/next';

export const dynamic = 'force-static';
export const GET = fileRoute(outputs.build);
