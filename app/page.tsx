import { siteData } from '@/lib/site-data';

export default function HomePage() {
  const { content, status } = siteData();
  return (
    <main>
      <h1>{content.site.name}</h1>
      <p>{status.description}</p>
    </main>
  );
}
