import { useEffect, useRef, useState } from 'react';

/** How close to the bottom still counts as "following" the newest entries. */
const FOLLOW_SLACK_PX = 32;

interface FollowOptions {
  /** While paused (e.g. scrubbing a replay) nothing scrolls by itself. */
  paused?: boolean;
  /** Also called on every scroll and resize (e.g. to measure the visible window). */
  onViewChange?: () => void;
}

/**
 * Scroll behaviour shared by the event list and the call-flow diagram: follow the newest entry
 * while the learner is at the bottom; once they scroll up to read, stay put and offer a way back.
 */
export function useFollowScroll<T extends HTMLElement>({ paused = false, onViewChange }: FollowOptions = {}) {
  const ref = useRef<T>(null);
  const following = useRef(true);
  const [behind, setBehind] = useState(false);
  const viewChange = useRef(onViewChange);
  viewChange.current = onViewChange;

  /** Where following last put the scroll position. */
  const pinnedTop = useRef(-1);
  const toBottom = () => {
    const el = ref.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    pinnedTop.current = el.scrollTop;
  };
  const atBottom = () => {
    const el = ref.current;
    return !!el && el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
  };

  const onScroll = () => {
    // A scroll event comes a frame after its cause. Content that grew meanwhile (rows measured at
    // their real height, more events) leaves the bottom below us without the learner moving: only
    // a move up from where following put us means they left to read.
    const el = ref.current;
    const movedUp = !!el && el.scrollTop < pinnedTop.current - 1;
    following.current = following.current && !movedUp ? true : atBottom();
    if (following.current) setBehind(false);
    viewChange.current?.();
  };

  /** The content grew: follow it, or note that newer entries are below. Call from a layout effect. */
  const contentChanged = () => {
    if (paused) return;
    if (following.current) toBottom();
    else setBehind(true);
  };

  /** After scrolling something into view by hand: are we still at the bottom? */
  const recheck = () => {
    following.current = atBottom();
  };

  /** Stop following without a scroll (a row got keyboard focus: its reader must not lose it). */
  const hold = () => {
    following.current = false;
  };

  const jumpToNewest = () => {
    following.current = true;
    setBehind(false);
    toBottom();
  };

  // The box shrinks when a panel opens below it: keep the newest in view if following.
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (following.current && !paused) toBottom();
      viewChange.current?.();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [paused]);

  /** Whether the newest entry is in view (following and not paused). */
  const isFollowing = () => following.current && !paused;

  return { ref, behind: behind && !paused, onScroll, contentChanged, recheck, hold, jumpToNewest, isFollowing };
}

export function JumpToNewest({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="jump-newest" onClick={onClick}>
      ↓ {label}
    </button>
  );
}
