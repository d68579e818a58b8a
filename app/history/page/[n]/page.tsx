import type { Metadata } from 'next';
import { HistoryPage, historyHref, historyPageNumbers } from '../../../_components/history';

type Props = { params: Promise<{ n: string }> };

export const dynamicParams = false;

/** Every page, 1 included (the same as /history, which it names as canonical), so the list is never empty. */
export function generateStaticParams() {
  return historyPageNumbers().map((n) => ({ n: String(n) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const n = Number((await params).n);
  return { title: `History, page ${n}`, alternates: { canonical: historyHref(n) } };
}

/** History page n. */
export default async function HistoryPageN({ params }: Props) {
  return <HistoryPage n={Number((await params).n)} />;
}
