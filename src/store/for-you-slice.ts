import type { ForYouClient, RankRequest } from '../lib/for-you-client';
import type { ForYouSlice, Slice } from './types';

export const createForYouSlice: Slice<ForYouSlice> = (deps) => (set, get) => {
  let client: ForYouClient | null = null;
  return {
    forYou: null,
    forYouError: null,
    rankForYou: async (key: string, request: RankRequest) => {
      if (get().forYou?.key === key) return;
      client ??= deps.forYou();
      try {
        const result = await client.rank(request);
        // Null: a newer request took over; it will set its own result.
        if (!result) return;
        const scores: Record<string, number> = {};
        request.candidates.forEach((p, i) => (scores[p.id] = result.scores[i]!));
        set({
          forYou: { key, scores, reasons: result.reasons, took: result.took },
          forYouError: null,
        });
      } catch (error) {
        set({
          forYouError: `For you could not rank this list: ${error instanceof Error ? error.message : String(error)}. The list is shown newest first.`,
        });
      }
    },
  };
};
