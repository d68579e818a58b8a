import type { IconName } from '@/lib/status';

/**
 * Status icons: each state has its own shape (circle, triangle, diamond, octagon, square, ring) with a
 * mark cut out of it, so status never rests on colour alone; words always stand beside them. Drawn once
 * as symbols in the layout and referenced by `<use>`, so fifty component rows cost a few bytes each.
 */
const shapes: Record<IconName, string> = {
  // filled circle, check cut out
  ok: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zM3.5 8.2 5 6.8l2 2 4-4 1.5 1.4L7 11.7z',
  // triangle, exclamation cut out
  degraded: 'M8 .6 15.8 15H.2zM7 5.5h2v5H7zm0 6.2h2v1.8H7z',
  // diamond, exclamation cut out
  partial: 'M8 0l8 8-8 8-8-8zM7 3.8h2v5.6H7zm0 6.6h2v1.8H7z',
  // octagon, cross cut out
  major: 'M4.7 0h6.6L16 4.7v6.6L11.3 16H4.7L0 11.3V4.7zM4.6 5.9l1.3-1.3L8 6.7l2.1-2.1 1.3 1.3L9.3 8l2.1 2.1-1.3 1.3L8 9.3l-2.1 2.1-1.3-1.3L6.7 8z',
  // rounded square, pause bars cut out
  maintenance: 'M2.5 0h11A2.5 2.5 0 0 1 16 2.5v11a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 0 13.5v-11A2.5 2.5 0 0 1 2.5 0zM5 4v8h2V4zm4 0v8h2V4z',
  // ring with clock hands
  scheduled: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zm0 1.8a6.2 6.2 0 1 1 0 12.4A6.2 6.2 0 0 1 8 1.8zM7.2 3.5h1.6v4.2l2.8 1.7-.8 1.4-3.6-2.2z',
  // ring with a slash
  cancelled: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zm0 1.8a6.2 6.2 0 1 1 0 12.4A6.2 6.2 0 0 1 8 1.8zM3.3 4.6l1.3-1.3 8.1 8.1-1.3 1.3z',
  // ring with a dash: no data
  unknown: 'M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0zm0 1.8a6.2 6.2 0 1 1 0 12.4A6.2 6.2 0 0 1 8 1.8zM4.5 7h7v2h-7z',
};

/** Every icon as a symbol; rendered once, at the top of the body. */
export function IconSprite() {
  return (
    <svg className="sprite" aria-hidden="true">
      {Object.entries(shapes).map(([name, d]) => (
        <symbol key={name} id={`i-${name}`} viewBox="0 0 16 16">
          <path fillRule="evenodd" d={d} />
        </symbol>
      ))}
    </svg>
  );
}

/** One icon, decorative: the words beside it say what it means. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" aria-hidden="true">
      <use href={`#i-${name}`} />
    </svg>
  );
}
