/**
 * The archive of every day, for "All days" search and for finding a paper by id wherever it is.
 * It lives in a Web Worker (archive.worker.ts) so fetching, parsing and indexing thousands of
 * papers never blocks typing; without Worker support (tests) it runs in-process.
 */
import { deriveList, type FeedQuery } from '../domain/feed';
import { isNewPaper } from '../domain/visits';
import type { Paper } from '../domain/schema';
import { createSearchBuilder, type SearchEngine } from '../domain/search';
import { searchDocument } from '../domain/search-text';
import type { Loaded } from './data';
import { FIRST_PAGE } from './archive-page';
import { applyTopicRules, compileRules, type TopicRule } from '../domain/topic-rules';

export interface ArchiveQueryContext {
  read: string[];
  followed: string[];
  newSince: string | null;
  /** The reader's own topics, applied to every paper before the query. */
  ownTopics: TopicRule[];
}

export interface ArchiveResult {
  ids: string[];
  /** The date of each id, so the list can group rows before their papers arrive. */
  dates: string[];
  topicCounts: Record<string, number>;
  codeCount: number;
  matches: string[];
  words: string[];
  /** The first papers of the result, so the list can show them without another round trip. */
  first: Paper[];
  /** How long the query took in the archive, ms. */
  took: number;
  /** Per day, how many papers have each of the reader's own topics (for the topic chart). */
  ownDayCounts: Record<string, Record<string, number>>;
}

export interface LoadReport {
  size: number;
  warnings: string[];
}

export class Archive {
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

  /**
   * Fetches every date (newest first, a few at a time) and indexes each day as it arrives, so
   * indexing overlaps the downloads. Papers keep page order within a day; the order of days is
   * arrival order, which runQuery's date sort makes newest-first.
   */
  async load(
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
    this.tagged = null;
    return { size: papers.length, warnings };
  }

  query(query: FeedQuery, context: ArchiveQueryContext): ArchiveResult {
    const started = performance.now();
    const read = new Set(context.read);
    const followed = context.followed;
    const tagged = this.withOwnTopics(context.ownTopics);
    const result = deriveList(tagged.papers, this.engine, query, {
      read,
      isNew: (p) => isNewPaper(p, context.newSince, followed),
    });
    return {
      ids: result.indexes.map((i) => this.ids[i]!),
      dates: result.indexes.map((i) => this.dates[i]!),
      topicCounts: result.topicCounts,
      codeCount: result.codeCount,
      matches: result.matches,
      words: result.words,
      first: result.items.slice(0, FIRST_PAGE).map((item) => item.paper!),
      took: performance.now() - started,
      ownDayCounts: tagged.dayCounts,
    };
  }

  get(ids: readonly string[]): Paper[] {
    const byId = this.tagged?.byId ?? this.byId;
    return ids.flatMap((id) => {
      const p = byId.get(id);
      return p ? [p] : [];
    });
  }
}
