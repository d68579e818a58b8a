import { fileRoute, outputs, staticParams } from '@/lib/render/next';

export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.reportJson);
export const GET = fileRoute(outputs.reportJson);
