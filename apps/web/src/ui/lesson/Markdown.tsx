import { useEffect, useState } from 'react';

/**
 * Lesson bodies are Markdown. They are first-party data (packages/lessons, reviewed like code), so
 * the HTML `marked` makes from them is trusted and set directly. `marked` is small, maintained and
 * has no dependencies; it loads on first use (its own chunk), and until then the text shows as is.
 */
type Parse = (markdown: string) => string;

let parser: Parse | null = null;
let loading: Promise<Parse> | null = null;

function loadParser(): Promise<Parse> {
  loading ??= import('marked').then(({ Marked }) => {
    const marked = new Marked({ gfm: true, breaks: false });
    parser = (markdown) => marked.parse(markdown, { async: false });
    return parser;
  });
  return loading;
}

export function Markdown({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  const [parse, setParse] = useState<Parse | null>(() => parser);
  useEffect(() => {
    if (parse) return;
    let live = true;
    void loadParser().then((p) => {
      if (live) setParse(() => p);
    });
    return () => {
      live = false;
    };
  }, [parse]);
  if (!parse) {
    return (
      <div className={className} data-testid={testId}>
        <p>{text}</p>
      </div>
    );
  }
  return <div className={className} data-testid={testId} dangerouslySetInnerHTML={{ __html: parse(text) }} />;
}
