import { HistoryPage } from '../_components/history';

export const metadata = { title: 'History' };

/** The first page of the history. */
export default function History() {
  return <HistoryPage n={1} />;
}
