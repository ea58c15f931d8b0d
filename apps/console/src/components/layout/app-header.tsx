import Link from 'next/link';

export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Podium
      </Link>
      <span className="tagline">Control plane console</span>
    </header>
  );
}
