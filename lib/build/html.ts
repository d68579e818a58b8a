import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type HtmlElement = DefaultTreeAdapterMap['element'];
type HtmlNode = DefaultTreeAdapterMap['node'];

/** Every element of an HTML document in document order, with its source offsets (parse5, as a browser parses). */
export function htmlElements(html: string): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (node: HtmlNode) => {
    if ('tagName' in node) found.push(node);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(parse(html, { sourceCodeLocationInfo: true }));
  return found;
}

/** An attribute's value, or null when the element does not have it. */
export function attribute(element: HtmlElement, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}
