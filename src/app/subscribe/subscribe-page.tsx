import { subDays } from 'date-fns';
import { isoDay, longDay, parseDay } from '../../domain/dates';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Paper } from '../../domain/schema';
import { useTopicLabel } from '../../components/topic-labels';
import { AppLink } from '../../components/app-link';
import { FeedIcon } from '../../components/icons';
import { useApp } from '../../store';
import { emailProblem, type Subscription } from '../../store/personal';
import { paperHref } from '../../store/url';
import { feedPath } from '../../domain/feeds';

/** The days a subscription's digest would cover today: the newest day, or the last 7 days. */
export function digestDates(
  days: readonly string[],
  frequency: Subscription['frequency'],
): string[] {
  const newest = days.at(-1);
  if (!newest) return [];
  if (frequency === 'daily') return [newest];
  const from = isoDay(subDays(parseDay(newest), 6));
  return days.filter((d) => d >= from);
}

/** The papers a subscription would receive: any of its topics (all papers if none), newest first. */
export function digestPapers(papers: readonly Paper[], topics: readonly string[]): Paper[] {
  return papers.filter((p) => !topics.length || p.topics.some((t) => topics.includes(t)));
}

export function SubscribePage() {
  const topicLabel = useTopicLabel();
  const { index, days, ensureDays, subscriptions, addSubscription, removeSubscription } = useApp(
    useShallow((s) => ({
      index: s.index,
      days: s.days,
      ensureDays: s.ensureDays,
      subscriptions: s.subscriptions,
      addSubscription: s.addSubscription,
      removeSubscription: s.removeSubscription,
    })),
  );
  const [email, setEmail] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [frequency, setFrequency] = useState<Subscription['frequency']>('daily');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Subscription | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const errorId = useId();
  const allDates = useMemo(() => index?.days.map((d) => d.date) ?? [], [index]);
  const previewFor = done ?? { topics, frequency };
  const dates = useMemo(
    () => digestDates(allDates, previewFor.frequency),
    [allDates, previewFor.frequency],
  );
  useEffect(() => ensureDays(dates), [dates, ensureDays]);
  const preview = useMemo(() => {
    const papers = [...dates].reverse().flatMap((d) => {
      const day = days[d];
      return day?.status === 'ready' ? day.papers : [];
    });
    return digestPapers(papers, previewFor.topics);
  }, [dates, days, previewFor.topics]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = emailProblem(email);
    setError(problem);
    if (problem) {
      emailRef.current?.focus();
      return;
    }
    const subscription: Subscription = {
      email: email.trim(),
      topics,
      frequency,
      createdAt: Date.now(),
    };
    addSubscription(subscription);
    setDone(subscription);
  };

  const feedLinks = (ids: readonly string[]) =>
    (ids.length ? ids : ['all']).map((id) => ({
      id,
      href: feedPath(id),
      label: id === 'all' ? 'All papers' : topicLabel(id),
    }));

  return (
    <div className="subscribe">
      <h1>Get trending papers in your email inbox!</h1>
      <p className="lede">
        Choose topics and how often. <strong>This build of Paperboy sends no email</strong>: it has
        no server, and nothing you type leaves this browser. Your subscription is kept here so you
        can see what it would bring, and the Atom feeds below deliver the same papers to any feed
        reader today.
      </p>
      {!done ? (
        <form
          className="subscribe-form"
          onSubmit={submit}
          noValidate
          aria-labelledby="subscribe-title"
        >
          <h2 id="subscribe-title" className="visually-hidden">
            Subscription
          </h2>
          <div className="field">
            <label htmlFor="email">Email address</label>
            <input
              ref={emailRef}
              id="email"
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            {error && (
              <p id={errorId} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <fieldset>
            <legend>Topics (none means every paper)</legend>
            <div className="topic-checks">
              {(index?.topics ?? []).map((t) => (
                <label key={t.id} className="check">
                  <input
                    type="checkbox"
                    checked={topics.includes(t.id)}
                    onChange={(e) =>
                      setTopics(
                        e.target.checked ? [...topics, t.id] : topics.filter((x) => x !== t.id),
                      )
                    }
                  />
                  {t.label}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>How often</legend>
            <label className="check">
              <input
                type="radio"
                name="frequency"
                value="daily"
                checked={frequency === 'daily'}
                onChange={() => setFrequency('daily')}
              />{' '}
              Daily
            </label>
            <label className="check">
              <input
                type="radio"
                name="frequency"
                value="weekly"
                checked={frequency === 'weekly'}
                onChange={() => setFrequency('weekly')}
              />{' '}
              Weekly
            </label>
          </fieldset>
          <button type="submit" className="button button-primary">
            Subscribe
          </button>
        </form>
      ) : (
        <div className="subscribed" ref={doneRef} tabIndex={-1} role="status">
          <h2>Saved in this browser, {done.email}</h2>
          <p>
            No email will be sent: this build has no mail server. Your {done.frequency} subscription
            to {done.topics.length ? done.topics.map(topicLabel).join(', ') : 'all papers'} is
            stored here only. For delivery that works now, add{' '}
            {done.topics.length > 1 ? 'these feeds' : 'this feed'} to a feed reader:
          </p>
          <ul className="feed-links">
            {feedLinks(done.topics).map((f) => (
              <li key={f.id}>
                <a href={f.href} type="application/atom+xml">
                  <FeedIcon /> {f.label} (Atom)
                </a>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setDone(null)}>
            Add another subscription
          </button>
        </div>
      )}
      <section aria-labelledby="preview-title" className="preview">
        <h2 id="preview-title">
          {done ? 'Your digest today' : 'Preview of the digest today'}: {preview.length}{' '}
          {preview.length === 1 ? 'paper' : 'papers'}
        </h2>
        <p className="muted">
          {previewFor.frequency === 'daily'
            ? `The papers of ${dates[0] ? longDay(dates[0]) : 'the newest day'}`
            : `The papers of the last 7 days up to ${dates.at(-1) ?? 'the newest day'}`}
          {previewFor.topics.length ? ` in ${previewFor.topics.map(topicLabel).join(' or ')}` : ''}.
        </p>
        <ol className="preview-list">
          {preview.slice(0, 50).map((p) => (
            <li key={p.id}>
              <AppLink href={paperHref(p.id, p.date)}>{p.title}</AppLink>
            </li>
          ))}
        </ol>
        {preview.length > 50 && <p className="muted">…and {preview.length - 50} more.</p>}
      </section>
      {subscriptions.length > 0 && (
        <section aria-labelledby="subs-title">
          <h2 id="subs-title">Subscriptions kept in this browser</h2>
          <ul className="subscriptions">
            {subscriptions.map((sub) => (
              <li key={sub.createdAt}>
                {sub.email}: {sub.frequency},{' '}
                {sub.topics.length ? sub.topics.map(topicLabel).join(', ') : 'all papers'}{' '}
                <button
                  type="button"
                  className="text-button"
                  onClick={() => removeSubscription(sub.createdAt)}
                >
                  Remove <span className="visually-hidden">the subscription for {sub.email}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
