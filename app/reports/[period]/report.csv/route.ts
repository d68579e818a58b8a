import { fileRoute, outputs, staticParams } from '@/lib/render/next';

export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.reportCsv);
export const GET = fileRoute(outputs.reportCsv);
