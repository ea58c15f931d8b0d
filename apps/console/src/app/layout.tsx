import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '../components/layout/app-header';
import { RouteFocus } from '../components/layout/route-focus';
import { QueryProvider } from '../lib/query-provider';
import './globals.css';
import '../styles/status.css';
import '../styles/controls.css';
import '../styles/tables.css';
import '../styles/detail.css';

export const metadata: Metadata = {
  title: { default: 'Podium', template: '%s · Podium' },
  description: 'Operator console for Podium, the control plane for durable workflows',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <QueryProvider>
          <AppHeader />
          <main className="page" id="main" tabIndex={-1}>
            {children}
          </main>
          <RouteFocus />
        </QueryProvider>
      </body>
    </html>
  );
}
