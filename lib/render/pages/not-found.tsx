/** The 404 page: what happened and where to go. `outpost serve` and static hosts send it with status 404. */
export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="lede">There is no page at this address. The link may be mistyped, or the page may have moved.</p>
      <ul>
        <li>
          <a href="/">Current status</a>: what is working now.
        </li>
        <li>
          <a href="/history">History</a>: every past incident and maintenance window.
        </li>
      </ul>
    </>
  );
}
