/** The button under a paged list: loads the next page of an infinite query, and says so while it does. */
export function ShowMore({
  query,
  label = 'Show more',
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label?: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="row center">
      <button
        type="button"
        className="btn"
        onClick={() => query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
      >
        {query.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </div>
  );
}
