import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// Every page, the 404 included, renders per request: proxy.ts puts a fresh CSP nonce on each
// response, and a page prerendered at build time would carry inline scripts without it.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Kairos console',
  description: 'Managed durable execution that speaks the Temporal API.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light',
  themeColor: '#ffffff',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
