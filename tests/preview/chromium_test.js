// communique preview in a real browser: Debian's Chromium, headless, driven
// by puppeteer-core (tools/install-deps --tests puts it in .deps/puppeteer;
// it downloads no browser). The page shows the release; a save with a new
// headline shows it without a reload; a save with an impossible date shows
// the diagnostic at its line; the server listens on 127.0.0.1 only, answers
// only to local host names, and ends with 0 on Ctrl-C.
// Usage: node chromium_test.js COMMUNIQUE SOURCE_DIR
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const http = require("http");
const net = require("net");
const os = require("os");
const path = require("path");

const [cli, src] = process.argv.slice(2).map((p) => path.resolve(p));
const puppeteerDir = path.join(src, ".deps", "puppeteer", "node_modules", "puppeteer-core");
const chromium = "/usr/bin/chromium";
for (const [what, where] of [["puppeteer-core", puppeteerDir], ["chromium", chromium]]) {
  if (!fs.existsSync(where)) {
    console.log(`FAIL: ${what} is missing (${where}): run tools/install-deps --tests`);
    process.exit(1);
  }
}
const puppeteer = require(puppeteerDir);

let failures = 0;
function expect(ok, what) {
  if (!ok) { failures++; console.log(`FAIL: ${what}`); }
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function get(port, urlPath, host = `127.0.0.1:${port}`, address = "127.0.0.1") {
  return new Promise((resolve) => {
    const req = http.get({ host: address, port, path: urlPath, headers: { Host: host } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], body }));
    });
    req.on("error", (e) => resolve({ status: 0, error: e.code }));
  });
}

// Starts `communique preview ARGS --port P`; resolves once it says it listens.
function startPreview(args, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ["preview", ...args, "--port", String(port)], { stdio: ["ignore", "inherit", "pipe"] });
    let err = "";
    const timer = setTimeout(() => reject(new Error(`preview did not start: ${err}`)), 10000);
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes(`http://127.0.0.1:${port}/`)) { clearTimeout(timer); resolve(child); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`preview ended with ${code}: ${err}`)); });
  });
}

function stop(child) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); resolve("still running after 5 s"); }, 5000);
    child.removeAllListeners("exit");
    child.on("exit", (code, signal) => { clearTimeout(timer); resolve(signal || code); });
    child.kill("SIGINT");
  });
}

// Writes a file as editors save: a new file renamed over the old one.
function save(file, text) {
  fs.writeFileSync(file + ".tmp", text);
  fs.renameSync(file + ".tmp", file);
}

async function frameHeadline(page) {
  const frame = page.frames().find((f) => f.url().includes("/render/"));
  if (!frame) return null;
  return frame.evaluate(() => document.querySelector("h1")?.textContent ?? null).catch(() => null);
}

async function waitFor(what, predicate, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await predicate()) return true;
    if (Date.now() > end) { console.log(`FAIL: ${what} (waited ${ms} ms)`); failures++; return false; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

(async () => {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "communique-preview-"));
  const draft = path.join(work, "draft.md");
  const original = fs.readFileSync(path.join(src, "fixtures", "releases", "2024-01-08-kampot-pepper-fair.md"), "utf8");
  const headline = "Kampot pepper and salt fair opens with 60 producers";
  const renamed = "Kampot pepper fair draws record crowds";
  expect(original.includes(headline), "the fixture's headline");
  fs.writeFileSync(draft, original);
  const port = await freePort();
  const server = await startPreview([draft], port);
  let browser;
  try {
    // 127.0.0.1 only: not on the machine's other addresses, not for other host names.
    const others = Object.values(os.networkInterfaces()).flat().filter((a) => !a.internal && a.family === "IPv4");
    for (const a of others) {
      const r = await get(port, "/", `127.0.0.1:${port}`, a.address);
      expect(r.status === 0, `not listening on ${a.address}: ${r.status}`);
    }
    const ipv6 = await get(port, "/", `127.0.0.1:${port}`, "::1");
    expect(ipv6.status === 0, `not listening on ::1: ${ipv6.status}`);
    const rebound = await get(port, "/", `attacker.example:${port}`);
    expect(rebound.status === 403, `another host name is refused: ${rebound.status}`);
    const escape = await get(port, "/render/../../etc/passwd");
    expect(escape.status === 404, `nothing outside the target: ${escape.status}`);
    const pdf = await get(port, "/pdf/draft.md");
    expect(pdf.status === 200 && pdf.type === "application/pdf" && pdf.body.startsWith("%PDF"), "the PDF");

    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check"],
      userDataDir: path.join(work, "profile"),
    });
    const page = await browser.newPage();
    let navigations = 0;
    page.on("framenavigated", (f) => { if (f === page.mainFrame()) navigations++; });
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" });
    await waitFor("the page shows the release's headline",
                  async () => (await frameHeadline(page)) === headline &&
                              (await page.$eval("#headline", (e) => e.textContent)) === headline);
    await page.evaluate(() => { window.sameDocument = "yes"; });
    const loads = navigations;

    // Saved in place, as some editors do.
    fs.writeFileSync(draft, original.replace(headline, renamed));
    await waitFor("the new headline shows without a reload", async () => (await frameHeadline(page)) === renamed &&
                  (await page.$eval("#headline", (e) => e.textContent)) === renamed);
    expect(await page.evaluate(() => window.sameDocument) === "yes" && navigations === loads,
           "the page itself was not reloaded");

    // Saved by renaming, with an impossible date: the diagnostic at its line.
    const broken = original.replace(headline, renamed).replace("8 January 2024", "31 February 2024");
    save(draft, broken);
    const line = broken.split("\n").findIndex((l) => l.includes("31 February 2024")) + 1;
    await waitFor("the diagnostic shows at its line", async () =>
      (await page.$$eval(".diagnostic.error", (ds) => ds.map((d) => d.textContent)))
        .some((t) => t.startsWith(`line ${line}, column `) && t.includes("[date-invalid]") &&
                     t.includes("31 February 2024")));
    expect(await page.evaluate(() => window.sameDocument) === "yes", "still the same page");

    // The PDF tab.
    const pdfResponse = page.waitForResponse((r) => r.url().includes("/pdf/draft.md"), { timeout: 10000 });
    await page.click("#tab-pdf");
    const r = await pdfResponse.catch(() => null);
    expect(r && r.headers()["content-type"] === "application/pdf", "the PDF tab loads the PDF");
  } catch (e) {
    failures++;
    console.log(`FAIL: ${e.stack || e}`);
  } finally {
    if (browser) await browser.close();
    const status = await stop(server);
    expect(status === 0, `Ctrl-C ends the preview with 0: ${status}`);
  }

  // A folder: an index of its releases.
  fs.mkdirSync(path.join(work, "2024"));
  fs.copyFileSync(draft, path.join(work, "2024", "other release.md"));
  const folderPort = await freePort();
  const folder = await startPreview([work], folderPort);
  const index = await get(folderPort, "/");
  expect(index.body.includes('href="/view/2024/other%20release.md"') && index.body.includes('href="/view/draft.md"'),
         "the folder's index links its releases");
  const view = await get(folderPort, "/status/2024/other%20release.md");
  expect(view.status === 200 && JSON.parse(view.body).headline === renamed, `a release of the folder: ${view.body}`);
  expect((await stop(folder)) === 0, "the folder's preview ends with 0");

  fs.rmSync(work, { recursive: true, force: true });
  console.log(`preview chromium test: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures) { console.log(`${failures} check(s) failed`); process.exit(1); }
  console.log("preview: all checks passed");
})();
