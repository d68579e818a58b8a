import { fileRoute, outputs, staticParams } from '@/lib/render/next';

export const dynamic = 'force-static';
export const dynamicParams = false;
export const generateStaticParams = staticParams(outputs.componentCalendar);
export const GET = fileRoute(outputs.componentCalendar);
