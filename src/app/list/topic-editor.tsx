/**
 * "New topic" and "Edit": a topic of the reader's own, defined by words and phrases to include
 * and exclude. While the reader types, it says how many of the loaded papers the words find, and
 * shows a few of their titles, so the words can be tried before the topic is kept.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Paper } from '../../domain/schema';
import {
  OWN_PREFIX,
  RULE_LIMITS,
  compileRule,
  matchRule,
  parsePhrases,
  ruleProblem,
  topicIdFor,
  type TopicRule,
} from '../../domain/topic-rules';
import { useApp } from '../../store';
import { selectTopics } from '../../store/selectors';

export interface TopicEditorProps {
  /** The topic to edit; a new one when absent. */
  topic?: TopicRule;
  onDone: (saved: TopicRule | null) => void;
}

const PREVIEW_TITLES = 3;

/** Every loaded paper, as loaded (without the reader's own topics). */
function useLoadedPapers(): Paper[] {
  const days = useApp((s) => s.days);
  return useMemo(
    () => Object.values(days).flatMap((d) => (d.status === 'ready' ? d.raw : [])),
    [days],
  );
}

export default function TopicEditor({ topic, onDone }: TopicEditorProps) {
  const { topics, saveOwnTopic, removeOwnTopic } = useApp(
    useShallow((s) => ({
      topics: selectTopics(s),
      saveOwnTopic: s.saveOwnTopic,
      removeOwnTopic: s.removeOwnTopic,
    })),
  );
  const papers = useLoadedPapers();
  const [label, setLabel] = useState(topic?.label ?? '');
  const [include, setInclude] = useState(topic?.include.join(', ') ?? '');
  const [exclude, setExclude] = useState(topic?.exclude.join(', ') ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { name: useId(), include: useId(), exclude: useId(), error: useId(), hint: useId() };

  const draft = {
    label: label.trim(),
    include: parsePhrases(include),
    exclude: parsePhrases(exclude),
  };
  const includeKey = draft.include.join('\n');
  const excludeKey = draft.exclude.join('\n');
  const preview = useMemo(() => {
    const include = parsePhrases(includeKey);
    if (!include.length) return null;
    const rule = compileRule({
      id: `${OWN_PREFIX}preview`,
      label: 'preview',
      include,
      exclude: parsePhrases(excludeKey),
    });
    return papers.filter((p) => matchRule(rule, p.title, p.abstract));
  }, [papers, includeKey, excludeKey]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const others = topics.filter((t) => t.id !== topic?.id).map((t) => t.label);
    const why = ruleProblem(draft, others);
    if (why) return setProblem(why);
    if (!topic && topics.filter((t) => t.kind === 'own').length >= RULE_LIMITS.own)
      return setProblem(
        `You have ${RULE_LIMITS.own} topics of your own, the most Paperboy keeps: delete one first.`,
      );
    const saved: TopicRule = {
      id:
        topic?.id ??
        topicIdFor(
          draft.label,
          OWN_PREFIX,
          topics.map((t) => t.id),
        ),
      ...draft,
    };
    saveOwnTopic(saved);
    onDone(saved);
  };

  const title = topic ? `Edit “${topic.label}”` : 'New topic';
  return (
    <form className="topic-editor" aria-label={title} onSubmit={submit} noValidate>
      <h3 className="filters-title">{title}</h3>
      <label className="field">
        Name
        <input
          type="text"
          id={ids.name}
          value={label}
          maxLength={RULE_LIMITS.label}
          onChange={(e) => setLabel(e.target.value)}
          aria-describedby={problem ? ids.error : undefined}
          autoFocus
        />
      </label>
      <label className="field">
        Papers that mention
        <textarea
          id={ids.include}
          value={include}
          rows={2}
          onChange={(e) => setInclude(e.target.value)}
          aria-describedby={ids.hint}
          placeholder="optimal transport, Wasserstein, Sinkhorn"
        />
      </label>
      <label className="field">
        Except where they say
        <textarea
          id={ids.exclude}
          value={exclude}
          rows={1}
          onChange={(e) => setExclude(e.target.value)}
          aria-describedby={ids.hint}
          placeholder="survey"
        />
      </label>
      <p id={ids.hint} className="hint">
        Words or phrases, separated by commas. Plurals and hyphens match (“mixture of experts” finds
        “mixture-of-experts”); end a word with * for any ending (“quantiz*”). An excluded phrase
        that contains an included word only stops that use (“sparse views” with “sparse”); any other
        excluded word leaves the paper out.
      </p>
      <p className="topic-preview" role="status">
        {preview === null
          ? 'Add words to see which papers they find.'
          : `Finds ${preview.length} of the ${papers.length} papers loaded${preview.length ? ':' : '.'}`}
      </p>
      {preview !== null && preview.length > 0 && (
        <ul className="topic-preview-list">
          {preview.slice(0, PREVIEW_TITLES).map((p) => (
            <li key={p.id}>{p.title}</li>
          ))}
          {preview.length > PREVIEW_TITLES && <li>and {preview.length - PREVIEW_TITLES} more</li>}
        </ul>
      )}
      {problem && (
        <p id={ids.error} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {topic ? 'Save topic' : 'Add topic'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        {topic && (
          <button
            type="button"
            className="button"
            onClick={() => {
              removeOwnTopic(topic.id);
              onDone(null);
            }}
          >
            Delete topic
          </button>
        )}
      </div>
    </form>
  );
}
