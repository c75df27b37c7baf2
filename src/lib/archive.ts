/**
 * The archive of every day, for "All days" search and for finding a paper by id wherever it is.
 * It lives in a Web Worker (archive.worker.ts) so fetching, parsing and indexing never blocks
 * typing; without Worker support (tests) it runs in-process.
 *
 * Where the site publishes the split search index (data/search/, see search-shards-format.ts)
 * a query fetches only its shards, and result rows come from per-paper files. The day files are
 * downloaded and indexed, as before the index existed, only for what it cannot answer: quoted
 * phrases, and a filter on the reader's own topics (both need every title and abstract); then
 * every later query uses them. A site without the index (and the unit tests) gets the days.
 */
import { runQuery, type FeedQuery, type QueryResult } from '../domain/feed';
import { isNewPaper } from '../domain/visits';
import { validatePaper, type Paper } from '../domain/schema';
import { createSearchBuilder, type SearchEngine } from '../domain/search';
import { ShardedSearch, manifestProblem } from '../domain/search-shards';
import { MANIFEST_PATH, shardFiles, type ShardManifest } from '../domain/search-shards-format';
import { searchDocument } from '../domain/search-text';
import type { Loaded } from './data';
import { FIRST_PAGE, FIRST_ROWS } from './archive-page';
import {
  resolveIndexed,
  type IdTable,
  type IndexedResult,
  type PackedTable,
} from './archive-result';
import { applyTopicRules, compileRules, type TopicRule } from '../domain/topic-rules';

export interface ArchiveQueryContext {
  read: string[];
  followed: string[];
  /** Authors followed: their papers count as new too. */
  authors: string[];
  newSince: string | null;
  /** The reader's own topics, applied to every paper before the query. */
  ownTopics: TopicRule[];
  /** Days whose papers the page holds or is loading: their rows are never fetched ahead. */
  loadedDays?: string[];
}

export interface ArchiveResult {
  ids: string[];
  /** The date of each id, so the list can group rows before their papers arrive. */
  dates: string[];
  topicCounts: Record<string, number>;
  codeCount: number;
  matches: string[];
  words: string[];
  /** Set when no paper has every word (see QueryResult.partial). */
  partial?: { matched: number; words: number };
  /**
   * The first papers of the result, so the list can show them without another round trip: all
   * of the first FIRST_PAGE from the day files; from the split index, those already fetched (the
   * start of the result up to the first one not yet fetched: ask `papers` for the rest).
   */
  first: Paper[];
  /** Whether any paper has votes (then "Most upvoted" is the default order). */
  hasVotes: boolean;
  /** A newer query arrived while this one waited for its shards: nothing to show. */
  superseded?: true;
  /** How long the query took in the archive, ms. */
  took: number;
  /** Per day, how many papers have each of the reader's own topics (for the topic chart). */
  ownDayCounts: Record<string, Record<string, number>>;
}

export interface LoadReport {
  size: number;
  warnings: string[];
  /** 'shards' when the split search index answers, 'days' when the day files were indexed. */
  source: 'shards' | 'days';
}

/** Where the archive's data comes from: the browser's fetch, or a test's. */
export interface ArchiveSource {
  /** Every date of the dataset, for the day files. */
  dates: readonly string[];
  loadDay: (date: string) => Promise<Loaded<{ papers: Paper[] }>>;
  /** A file under the data folder (`search/manifest.json`); a failed or non-OK answer if none. */
  fetchData: (path: string) => Promise<Response>;
}

async function fileOf(source: ArchiveSource, path: string): Promise<Response> {
  let response: Response;
  try {
    response = await source.fetchData(path);
  } catch {
    throw new Error(`could not reach /data/${path}: the network is off or the server stopped`);
  }
  if (!response.ok) throw new Error(`/data/${path} could not be loaded (HTTP ${response.status})`);
  return response;
}

const bytesOf = async (source: ArchiveSource, path: string) =>
  new Uint8Array(await (await fileOf(source, path)).arrayBuffer());

/**
 * The split search index and what a session fetched of it: shards, and papers for result rows.
 * Every fetch is made once; a failed one is forgotten so the next query tries again.
 */
class Shards {
  private papers = new Map<number, Paper>();
  private paperFetches = new Map<number, Promise<void>>();

  private constructor(
    readonly search: ShardedSearch,
    private readonly source: ArchiveSource,
  ) {}

  /** The index, or null when the site publishes none (or one this version cannot read). */
  static async open(source: ArchiveSource): Promise<Shards | null> {
    let manifest: ShardManifest;
    try {
      const response = await source.fetchData(MANIFEST_PATH);
      if (!response.ok) return null;
      const data: unknown = await response.json();
      if (manifestProblem(data)) return null;
      manifest = data as ShardManifest;
    } catch {
      return null;
    }
    const paths = shardFiles(manifest.version);
    const [ids, docs, terms] = await Promise.all([
      fileOf(source, paths.ids).then((r) => r.text()),
      bytesOf(source, paths.docs),
      bytesOf(source, paths.terms),
    ]);
    return new Shards(new ShardedSearch({ manifest, ids, docs, terms }), source);
  }

  /** Index files fetched or on their way, by path: each is fetched once. */
  private fetches = new Map<string, Promise<void>>();

  /** Fetches a file of the index once; a failed fetch is forgotten, so the next query retries. */
  private once(path: string, add: (bytes: Uint8Array) => void): Promise<void> {
    let pending = this.fetches.get(path);
    if (!pending) {
      pending = bytesOf(this.source, path).then(add, (error: unknown) => {
        this.fetches.delete(path);
        throw error;
      });
      this.fetches.set(path, pending);
    }
    return pending;
  }

  /** Fetches the title order, which only the title sort needs. */
  titleOrder(): Promise<void> {
    if (this.search.hasTitleOrder) return Promise.resolve();
    const path = shardFiles(this.search.manifest.version).order;
    return this.once(path, (bytes) => this.search.addTitleOrder(bytes));
  }

  /**
   * Fetches the shards a query needs: its words', then, when they match nothing together, the
   * retry's (shardsFor asks for those only once the first are in).
   */
  async prepare(q: string): Promise<void> {
    const paths = shardFiles(this.search.manifest.version);
    for (let round = 0; round < 2; round++) {
      const needed = this.search.shardsFor(q);
      if (!needed.length) return;
      await Promise.all(
        needed.map((k) => this.once(paths.shard(k), (bytes) => this.search.addShard(k, bytes))),
      );
    }
  }

  /** The papers already fetched, from the start of `indexes` up to the first one missing. */
  cachedPrefix(indexes: readonly number[], limit: number): Paper[] {
    const out: Paper[] = [];
    for (const d of indexes.slice(0, limit)) {
      const paper = this.papers.get(d);
      if (!paper) break;
      out.push(paper);
    }
    return out;
  }

  /** Whether the page has asked for rows yet (see prefetchFirst). */
  private asked = false;

  async get(ids: readonly string[]): Promise<Paper[]> {
    this.asked = true;
    const indexes = ids.map((id) => this.search.indexOf(id)).filter((d) => d >= 0);
    await this.fetchPapers(indexes);
    return indexes.flatMap((d) => this.papers.get(d) ?? []);
  }

  /**
   * Starts fetching the first rows of a result until the page first asks for rows (a session's
   * first results), while the page renders the result and before it asks for them: a reader's
   * first search shows its papers a round trip sooner. Once the page has asked, results wait
   * for it (it asks once typing pauses), so typing does not download the rows of every key.
   */
  prefetchFirst(indexes: readonly number[]) {
    if (this.asked) return;
    this.fetchPapers(indexes).catch(() => {
      /* the page's own request for these rows tries again and reports */
    });
  }

  private async fetchPapers(indexes: readonly number[]): Promise<void> {
    const paths = shardFiles(this.search.manifest.version);
    await Promise.all(
      indexes.map((d) => {
        if (this.papers.has(d)) return;
        let pending = this.paperFetches.get(d);
        if (!pending) {
          pending = fileOf(this.source, paths.paper(d))
            .then((r) => r.json() as Promise<unknown>)
            .then((data) => {
              const checked = validatePaper(data);
              if (!checked.ok)
                throw new Error(
                  `/data/${paths.paper(d)} is not a valid paper: ${checked.problems[0]}`,
                );
              this.papers.set(d, checked.value);
            })
            .finally(() => this.paperFetches.delete(d));
          this.paperFetches.set(d, pending);
        }
        return pending;
      }),
    );
  }
}

export class Archive {
  private source: ArchiveSource | null = null;
  private shards: Shards | null = null;
  /** The day files' download, started when the split index cannot answer (or is not there). */
  private days: Promise<LoadReport> | null = null;
  private onProgress: ((loaded: number, total: number) => void) | undefined;
  /** The newest query's number: an older one still waiting for shards gives up. */
  private latest = 0;

  private papers: Paper[] = [];
  private ids: string[] = [];
  private dates: string[] = [];
  private byId = new Map<string, Paper>();
  private engine: SearchEngine | null = null;
  /** The papers with the reader's own topics, for the rules they were made with. */
  private tagged: {
    key: string;
    papers: Paper[];
    byId: Map<string, Paper>;
    dayCounts: Record<string, Record<string, number>>;
  } | null = null;

  private withOwnTopics(rules: TopicRule[]) {
    const key = JSON.stringify(rules);
    if (this.tagged?.key === key) return this.tagged;
    const papers = rules.length ? applyTopicRules(this.papers, compileRules(rules)) : this.papers;
    const ids = new Set(rules.map((r) => r.id));
    const dayCounts: Record<string, Record<string, number>> = {};
    if (ids.size)
      for (const p of papers)
        for (const t of p.topics)
          if (ids.has(t)) {
            const day = (dayCounts[p.date] ??= {});
            day[t] = (day[t] ?? 0) + 1;
          }
    this.tagged = {
      key,
      papers,
      byId: rules.length ? new Map(papers.map((p) => [p.id, p])) : this.byId,
      dayCounts,
    };
    return this.tagged;
  }

  /** The split index being opened (by preload or load); forgotten when that failed. */
  private opening: Promise<Shards | null> | null = null;

  private open(source: ArchiveSource): Promise<Shards | null> {
    return (this.opening ??= Shards.open(source).then(
      (shards) => (this.shards = shards),
      (error: unknown) => {
        this.opening = null;
        throw error;
      },
    ));
  }

  /**
   * Opens the split search index ahead of a first All-days search (idle after the first screen,
   * or as the pointer nears "All days"), so `load` finds it open or on its way. Never the day
   * files: a site without the index downloads those only when All days is asked for. Resolves
   * whether the index is open; a failure is not reported (`load` tries again and says why).
   */
  async preload(source: ArchiveSource): Promise<boolean> {
    this.source ??= source;
    try {
      return (await this.open(source)) !== null;
    } catch {
      return false;
    }
  }

  /** Opens the split search index, or, where the site has none, loads every day. */
  async load(
    source: ArchiveSource,
    onProgress?: (loaded: number, total: number) => void,
  ): Promise<LoadReport> {
    this.source = source;
    this.onProgress = onProgress;
    const shards = await this.open(source);
    if (shards) return { size: shards.search.size, warnings: [], source: 'shards' };
    return this.loadDays();
  }

  /**
   * Prepares the split index ahead of use, one step a call (idle work, each a long task at
   * 200,000 papers, so a request can come in between): the typo index (ShardedSearch.warm),
   * then the map of every id (warmIds). 'none' without an index, 'more' while a step is left.
   */
  warm(): 'none' | 'more' | 'done' {
    if (!this.shards) return 'none';
    if (this.warmed++ === 0) {
      this.shards.search.warm();
      return 'more';
    }
    this.shards.search.warmIds();
    return 'done';
  }

  private warmed = 0;

  private loadDays(): Promise<LoadReport> {
    const source = this.source;
    if (!source) return Promise.reject(new Error('the archive was queried before it was loaded'));
    return (this.days ??= this.indexDays(source.dates, source.loadDay, this.onProgress).catch(
      (error: unknown) => {
        this.days = null;
        throw error;
      },
    ));
  }

  /**
   * Fetches every date (newest first, a few at a time) and indexes each day as it arrives, so
   * indexing overlaps the downloads. Papers keep page order within a day; the order of days is
   * arrival order, which runQuery's date sort makes newest-first.
   */
  private async indexDays(
    dates: readonly string[],
    loadDay: (date: string) => Promise<Loaded<{ papers: Paper[] }>>,
    onProgress?: (loaded: number, total: number) => void,
  ): Promise<LoadReport> {
    const ordered = [...dates].sort().reverse();
    const builder = createSearchBuilder();
    const papers: Paper[] = [];
    const warnings: string[] = [];
    let next = 0;
    let loaded = 0;
    const worker = async () => {
      while (next < ordered.length) {
        const day = await loadDay(ordered[next++]!);
        if (day.ok) {
          papers.push(...day.value.papers);
          builder.add(day.value.papers.map(searchDocument));
          warnings.push(...day.warnings);
        } else warnings.push(day.error);
        loaded++;
        if (loaded % 20 === 0 || loaded === ordered.length) onProgress?.(loaded, ordered.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, ordered.length) }, worker));
    this.papers = papers;
    // Kept apart from the paper objects so a result of 20,000 ids reads two flat arrays.
    this.ids = papers.map((p) => p.id);
    this.dates = papers.map((p) => p.date);
    this.byId = new Map(papers.map((p) => [p.id, p]));
    this.engine = builder.build();
    this.daysGeneration++;
    this.tagged = null;
    this.indexed = true;
    return { size: papers.length, warnings, source: 'days' };
  }

  private indexed = false;

  /** Whether the split index can answer: no quoted phrase, no filter on the reader's topics. */
  private shardsAnswer(query: FeedQuery, context: ArchiveQueryContext): boolean {
    if (!this.shards || this.indexed) return false;
    const own = new Set(context.ownTopics.map((r) => r.id));
    return this.shards.search.canAnswer(query.q) && !query.topics.some((t) => own.has(t));
  }

  async query(query: FeedQuery, context: ArchiveQueryContext): Promise<ArchiveResult> {
    const result = await this.queryIndexed(query, context);
    return resolveIndexed(result, this.table(result.table));
  }

  /** The query's result as positions in an id table (see IndexedResult). */
  async queryIndexed(query: FeedQuery, context: ArchiveQueryContext): Promise<IndexedResult> {
    const ticket = ++this.latest;
    // A query sent with the load rather than after its answer (the store does, so a first
    // search does not wait for that round trip): it waits here for the index being opened, and
    // fails as the load does when that fails.
    if (!this.shards && this.opening) {
      await this.opening;
      // Opening the index kept this thread busy: a newer query may be queued behind it (All
      // days clicked, a search typed at once). Let it in, so this one gives up below instead of
      // being answered first for nothing.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const shards = this.shards;
    if (shards && this.shardsAnswer(query, context)) {
      await Promise.all([
        shards.prepare(query.q),
        query.sort === 'title' ? shards.titleOrder() : undefined,
      ]);
      if (ticket !== this.latest) return superseded();
      const started = performance.now();
      const search = shards.search;
      const result = this.derive(search.papers, search, query, context);
      // The rows the page asks for next, by id (a scroll further builds the whole map, or warm).
      search.remember(result.indexes, FIRST_PAGE * 2);
      const have = new Set(context.loadedDays);
      shards.prefetchFirst(
        result.indexes.slice(0, FIRST_ROWS).filter((d) => !have.has(search.papers[d]!.date)),
      );
      return {
        ...this.resultOf(result, started),
        table: shardsTableName(search.manifest.version),
        first: shards.cachedPrefix(result.indexes, FIRST_PAGE),
        ownDayCounts: {},
      };
    }
    if (!this.indexed) await this.loadDays();
    if (ticket !== this.latest) return superseded();
    const started = performance.now();
    const tagged = this.withOwnTopics(context.ownTopics);
    const result = this.derive(tagged.papers, this.engine, query, context);
    return {
      ...this.resultOf(result, started),
      table: `days:${this.daysGeneration}`,
      first: result.papers.slice(0, FIRST_PAGE),
      ownDayCounts: tagged.dayCounts,
    };
  }

  /**
   * The split index's id table, packed for the page, with its name; null until the index is
   * open. Made from ids.txt and the manifest's days as fetched, so no array of 200,000 ids is
   * built and joined again to send it.
   */
  packedShardTable(): { name: string; table: PackedTable } | null {
    if (!this.shards || this.indexed) return null;
    const { manifest, idsText } = this.shards.search;
    return {
      name: shardsTableName(manifest.version),
      table: {
        count: manifest.papers,
        ids: idsText,
        runs: manifest.days.map((d): [string, number] => [d.date, d.count]),
      },
    };
  }

  /** The id table a result's `table` names. */
  table(name: string): IdTable {
    if (name.startsWith('shards:') && this.shards) {
      const papers = this.shards.search.papers;
      return (this.shardTable ??= {
        ids: papers.map((p) => p.id),
        dates: papers.map((p) => p.date),
      });
    }
    if (name === `days:${this.daysGeneration}`) return { ids: this.ids, dates: this.dates };
    return { ids: [], dates: [] };
  }

  private shardTable: IdTable | null = null;
  /** Bumped each time the days are indexed, so a client never reads an old days table. */
  private daysGeneration = 0;

  private derive(
    papers: readonly Paper[],
    engine: SearchEngine | null,
    query: FeedQuery,
    context: ArchiveQueryContext,
  ): QueryResult {
    const read = new Set(context.read);
    // runQuery, not deriveList: a result leaves the worker as positions, and list items for
    // 200,000 papers would be made for nothing.
    return runQuery(papers, engine, query, {
      read,
      isNew: (p) => isNewPaper(p, context.newSince, context.followed, context.authors),
    });
  }

  private resultOf(
    result: QueryResult,
    started: number,
  ): Omit<IndexedResult, 'first' | 'ownDayCounts' | 'table'> {
    return {
      indexes: Int32Array.from(result.indexes),
      topicCounts: result.topicCounts,
      codeCount: result.codeCount,
      matches: result.matches,
      words: result.words,
      ...(result.partial && { partial: result.partial }),
      hasVotes: result.hasVotes,
      took: performance.now() - started,
    };
  }

  async get(ids: readonly string[]): Promise<Paper[]> {
    if (this.shards && !this.indexed) return this.shards.get(ids);
    const byId = this.tagged?.byId ?? this.byId;
    return ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [p] : [];
    });
  }
}

const shardsTableName = (version: string) => `shards:${version}`;

/** A newer query arrived while this one waited for its shards: nothing to show. */
const superseded = (): IndexedResult => ({
  table: '',
  indexes: new Int32Array(0),
  topicCounts: {},
  codeCount: 0,
  matches: [],
  words: [],
  first: [],
  hasVotes: false,
  took: 0,
  ownDayCounts: {},
  superseded: true,
});
