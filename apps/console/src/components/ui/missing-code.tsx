'use client';

/**
 * In place of a part of a page whose code could not be fetched: after a redeploy the page still
 * asks for the previous build's files, which are gone.
 */
export function MissingCode() {
  return (
    <div className="alert alert-error" role="alert" data-testid="missing-code">
      <p>Part of this page could not be loaded: the console may have been updated.</p>
      <button type="button" className="btn btn-small" onClick={() => location.reload()}>
        Reload page
      </button>
    </div>
  );
}
