import type { StateCreator } from 'zustand';
import type { ArchiveResult } from '../lib/archive';
import type { ArchiveClient } from '../lib/archive-client';
import type { ForYouClient, RankRequest } from '../lib/for-you-client';
import type { ForYouReason } from '../domain/for-you';
import type { DatasetIndex, Paper, SimilarRef } from '../domain/schema';
import type { FeedQuery, ListItem, Sort, View } from '../domain/feed';
import type { Density, PersonalState, Subscription, Theme } from './personal';
import type { Page, Scope, ViewState } from './url';
import type { NoticeDownload } from './storage';
import type { ImportAdded } from './transfer';
import type { TopicRule } from '../domain/topic-rules';

export type DayState =
  | { status: 'loading' }
  /** `papers` are `raw` (as loaded) with the reader's own topics applied. */
  | { status: 'ready'; papers: Paper[]; raw: Paper[] }
  | { status: 'error'; error: string };

export interface Notice {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** A file the notice offers (a copy of stored data that could not be read). */
  download?: NoticeDownload;
}

/** One day's similar-paper lists, by paper id (loaded for the paper page). */
export type SimilarState =
  { status: 'loading' } | { status: 'ready'; lists: Record<string, SimilarRef[]> };

export interface DatasetSlice {
  index: DatasetIndex | null;
  indexStatus: 'idle' | 'loading' | 'ready' | 'error';
  indexError: string | null;
  days: Record<string, DayState>;
  loadIndex: () => Promise<void>;
  ensureDays: (dates: readonly string[]) => void;
  /** Similar papers by day, loaded on first need (a missing file gives empty lists). */
  similar: Record<string, SimilarState>;
  ensureSimilar: (date: string) => void;
  /** Applies the reader's own topics again to every loaded day (after they changed). */
  retagDays: () => void;
}

export type HistoryMode = 'push' | 'replace';

export interface ViewSlice extends ViewState {
  /** How the next URL change is recorded; set by actions, read by the URL sync. */
  historyMode: HistoryMode;
  applyLocation: (pathname: string, search: string) => void;
  setQueryText: (q: string) => void;
  toggleTopic: (id: string) => void;
  setTopics: (ids: string[]) => void;
  setTopicMode: (mode: FeedQuery['topicMode']) => void;
  setFlag: (flag: 'hasCode' | 'hideRead' | 'onlyNew', value: boolean) => void;
  setSort: (sort: Sort) => void;
  /** With "For you": rank by one collection's papers ('' for all saved papers). */
  setLike: (collection: string) => void;
  setDate: (date: string | null) => void;
  setView: (view: View) => void;
  setScope: (scope: Scope) => void;
  /** Shows one collection of the Saved page, or all saved papers (null). */
  setCollection: (collection: string | null) => void;
  clearFilters: () => void;
  clearQuery: () => void;
  goTo: (page: Page) => void;
}

export interface PersonalSlice extends PersonalState {
  toggleSaved: (paper: Pick<Paper, 'id' | 'date' | 'title'>) => void;
  markRead: (paper: Pick<Paper, 'id' | 'date'>) => void;
  toggleRead: (paper: Pick<Paper, 'id' | 'date'>) => void;
  /** Marks every paper given read; returns the ids that were not read before (for undo). */
  markAllRead: (papers: readonly Pick<Paper, 'id' | 'date'>[]) => string[];
  /** Takes the read mark off these papers (undoes markAllRead). */
  unmarkRead: (ids: readonly string[]) => void;
  /** Sets the note on a saved paper (cut to NOTE_MAX characters); an empty note removes it. */
  setNote: (id: string, note: string) => void;
  toggleFollow: (topic: string) => void;
  /** Follows or unfollows an author (names compared without case, accents or spacing). */
  toggleFollowAuthor: (name: string) => void;
  /** Puts a saved paper in exactly these collections (names cleaned; none removes them). */
  setCollections: (id: string, names: readonly string[]) => void;
  /** Renames a collection on every paper in it (into another one if that name exists). */
  renameCollection: (from: string, to: string) => void;
  /** Takes a collection off every paper; the papers stay saved. */
  deleteCollection: (name: string) => void;
  /**
   * Adds a topic of the reader's own, or replaces the one with its id; the label and words are
   * checked by the caller (ruleProblem).
   */
  saveOwnTopic: (topic: TopicRule) => void;
  /** Deletes one of the reader's own topics, and takes it out of followed topics and filters. */
  removeOwnTopic: (id: string) => void;
  addSubscription: (subscription: Subscription) => void;
  removeSubscription: (createdAt: number) => void;
  setTheme: (theme: Theme) => void;
  /** Cards or compact rows, remembered in this browser. */
  setDensity: (density: Density) => void;
  /** Records that the reader is here now and has seen the dataset up to `newestDay`. */
  recordVisit: (newestDay: string, now?: number) => void;
  /** Merges imported personal state; returns what was added and what a limit left out. */
  mergePersonal: (incoming: PersonalState) => Promise<ImportAdded>;
}

export interface ArchiveSlice {
  archiveStatus: 'idle' | 'loading' | 'ready' | 'error';
  archiveProgress: { loaded: number; total: number };
  archiveError: string | null;
  /** The last all-days result and the query it answers. */
  archiveResult: (ArchiveResult & { key: string }) | null;
  /** Papers fetched from the archive, by id (all-days results beyond the loaded days). */
  archivePapers: Record<string, Paper>;
  ensureArchive: () => Promise<boolean>;
  /**
   * Starts the search worker and opens the split index, nothing more (no status change, never
   * the day files), so a first All-days search does not wait for them: called when the first
   * screen is idle and as the pointer or focus nears All days or the search box.
   */
  preloadArchive: () => void;
  queryArchive: (key: string) => Promise<void>;
  fetchArchivePapers: (ids: string[]) => Promise<void>;
}

/** The list on screen, for the keyboard shortcuts and the paper page's previous/next. */
export interface CurrentList {
  items: ListItem[];
  hrefFor: (id: string) => string;
  resolve: (item: ListItem) => Paper | null;
}

export interface UiSlice {
  notices: Notice[];
  /** The id the next notice gets. */
  nextNoticeId: number;
  addNotice: (kind: Notice['kind'], text: string, download?: NoticeDownload) => void;
  dismissNotice: (id: number) => void;
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  /** Position of the keyboard cursor in the current list (j/k); -1 before the first j. */
  cursor: number;
  setCursor: (cursor: number) => void;
  /** Set by the list view on screen; read by the keyboard shortcuts without subscribing. */
  currentList: CurrentList;
  setCurrentList: (list: CurrentList) => void;
  /** The paper the paper page shows, for s and m there. */
  pagePaper: Paper | null;
  setPagePaper: (paper: Paper | null) => void;
}

export interface ForYouSlice {
  /** The last "For you" ranking and the list and saves it is for (`key`). */
  forYou: {
    key: string;
    scores: Record<string, number>;
    reasons: Record<string, ForYouReason>;
    took: number;
  } | null;
  forYouError: string | null;
  /** Ranks `request.candidates` by the saved papers, unless `key` is ranked already. */
  rankForYou: (key: string, request: RankRequest) => Promise<void>;
}

export type AppState = DatasetSlice &
  ViewSlice &
  PersonalSlice &
  ArchiveSlice &
  UiSlice &
  ForYouSlice;

export interface StoreDeps {
  fetcher: typeof fetch;
  archive: () => ArchiveClient;
  forYou: () => ForYouClient;
  now: () => number;
}

export type Slice<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
