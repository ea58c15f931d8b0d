import { Link } from '../ui/link';
import { HeaderSession } from './header-session';

export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Podium
      </Link>
      <span className="tagline">Durable workflows console</span>
      <div className="app-header-end">
        <Link href="/health" className="header-link">
          Health
        </Link>
        <HeaderSession />
      </div>
    </header>
  );
}
