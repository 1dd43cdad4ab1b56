// Print pages with Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core) to PDF files.
// Usage: node scripts/firefox-print.mjs OUTPUT_FOLDER URL...   (scripts/firefox_pages.py runs it)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";

const [output, ...urls] = process.argv.slice(2);
mkdirSync(output, { recursive: true });
const browser = await puppeteer.launch({ browser: "firefox", executablePath: "/usr/bin/firefox-esr", headless: true });
try {
  const page = await browser.newPage();
  for (const [index, url] of urls.entries()) {
    await page.goto(url, { waitUntil: "load" });
    await page.pdf({ path: join(output, `${index}.pdf`), format: "A4", printBackground: true });
  }
} finally {
  await browser.close();
}
