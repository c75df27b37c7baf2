/** arXiv identifiers and the URLs made from them (no dependencies: the ingest parser uses it). */
/** An arXiv identifier: new style (2312.17653, optionally v2) or old style (hep-th/9901001). */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

export const isArxivId = (id: string) => ARXIV_ID.test(id);

/** The abstract page and PDF of an arXiv paper, or null when the id is not an arXiv id. */
export function arxivUrls(id: string | undefined): { abs: string; pdf: string } | null {
  if (!id || !isArxivId(id)) return null;
  return { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` };
}
