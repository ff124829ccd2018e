/** React 19 host: the `composio-widgets/react` wrappers, one event (onRangeSelect) lifted into state. */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LogTable, UsageChart } from '../../src/react.ts';
import { readyBff } from './in-page-if-static.ts';

function App() {
  const [window, setWindow] = useState<{ from: number; to: number }>();
  return (
    <main>
      <h1>React 19</h1>
      <UsageChart range="7d" onRangeSelect={(e) => setWindow(e.detail)} />
      <p id="picked">{window ? `Showing ${new Date(window.from).toDateString()}` : 'Click a day to filter the log.'}</p>
      <LogTable range="7d" from={window ? String(window.from) : undefined} to={window ? String(window.to) : undefined} />
    </main>
  );
}

await readyBff();
createRoot(document.getElementById('root')!).render(<App />);
