package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stancegraph/stancegraph/explore"
	"github.com/stancegraph/stancegraph/explore/exploretest"
)

const chromiumPath = "/usr/bin/chromium"

// TestBrowser drives the explorer page in headless Debian chromium:
// search, pick an entity, open the claims of one of its supporters, open
// the statement, and check that the highlighted text is exactly the
// claim's evidence sentence.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is needed under CI (apt-get install chromium): %v", err)
		}
		t.Skipf("no %s: install the Debian package chromium", chromiumPath)
	}
	srv, v, stop, served := listenOn(t, exploretest.Store(t))
	defer func() {
		stop()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()

	// The claim the test expects to see highlighted.
	cs, err := v.FindClaims("China", "Programme of Action", explore.Options{Stance: explore.Supports})
	if err != nil || len(cs) != 1 {
		t.Fatalf("claims of China on the PoA: %v %d", err, len(cs))
	}
	want := cs[0]

	tmp := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
		chromedp.WindowSize(1280, 1100),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	defer cancelCtx()
	// The first action starts the browser, which lives as long as bctx:
	// no timeout on it; later steps get their own.
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL())); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, 90*time.Second)
	defer cancelTimeout()
	text := func(sel string) string {
		t.Helper()
		// The page may re-render between finding the node and reading
		// it ("No node with given id found"): find it again.
		var err error
		for try := 0; try < 3; try++ {
			var s string
			if s, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel))); err == nil {
				return s
			}
			if !strings.Contains(err.Error(), "No node with given id") {
				break
			}
		}
		t.Fatalf("text of %s: %v", sel, err)
		return ""
	}
	shoot := func() {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot: %v", err)
			return
		}
		saveScreenshot(t, tmp, png)
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			shoot()
			t.Fatalf("%s: %v", what, err)
		}
	}

	poa := `#suggestions li.suggestion[data-iri="https://stancegraph.org/id/proposal/cyber-poa"]`
	step("search", chromedp.WaitVisible(chromedp.CSS(`#q`)), chromedp.SendKeys(chromedp.CSS(`#q`), "Programme of Act"),
		chromedp.WaitVisible(chromedp.CSS(poa)), chromedp.Click(chromedp.CSS(poa)))
	step("entity", chromedp.WaitVisible(chromedp.CSS(`#entity-title`)))
	if title := text(`#entity-title`); title != "Programme of Action" {
		t.Errorf("entity title = %q", title)
	}
	poaRow := `#entity tr.row[data-actor="https://stancegraph.org/id/state/CHN"][data-stance="supports"]`
	step("graph and supporters", chromedp.WaitVisible(chromedp.CSS(`#graph path.edge`)), chromedp.WaitVisible(chromedp.CSS(poaRow)),
		chromedp.Click(chromedp.CSS(poaRow)), chromedp.WaitVisible(chromedp.CSS(`#claims li.claim`)))
	if ct := text(`#claims-title`); !strings.HasPrefix(ct, "China supports Programme of Action") {
		t.Errorf("claims title = %q", ct)
	}
	step("evidence", chromedp.Click(chromedp.CSS(`#claims li.claim`)), chromedp.WaitVisible(chromedp.CSS(`#statement-text mark`)))
	if mark := text(`#statement-text mark`); mark != want.Evidence {
		t.Errorf("highlighted text = %q\nwant the evidence  %q", mark, want.Evidence)
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`#statement-text mark`), "data-claim"))
	if err != nil || attr.Value != string(want.IRI) {
		t.Errorf("mark is for claim %q (%v), want %q", attr.Value, err, want.IRI)
	}
	step("scroll", chromedp.ScrollIntoView(chromedp.CSS(`#entity-title`)))
	shoot()

	// The Gizmo console answers through the Cayley API.
	step("gizmo", chromedp.Click(chromedp.CSS(`#gizmo-run`)))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("gizmo-result").textContent.indexOf('"China"') >= 0`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Errorf("gizmo console: %v: %q", err, text(`#gizmo-result`))
	}

	// A deep link opens the same statement with the same highlight.
	step("deep link", chromedp.Navigate(srv.URL()+"#entity="+string(want.Actor)+"&claim="+string(want.IRI)),
		chromedp.WaitVisible(chromedp.CSS(`#statement-text mark`)))
	if mark := text(`#statement-text mark`); mark != want.Evidence {
		t.Errorf("deep link: mark %q", mark)
	}

	// Offsets count code points, JavaScript strings UTF-16 units: a
	// statement with emoji before and inside the evidence must still
	// highlight exactly the sentence.
	fj, err := v.FindClaims("Fiji", "unilateral coercive measures", explore.Options{})
	if err != nil || len(fj) == 0 {
		t.Fatalf("Fiji's claims: %v", err)
	}
	step("astral", chromedp.Navigate(srv.URL()+"#entity="+string(fj[0].Actor)+"&claim="+string(fj[0].IRI)),
		chromedp.WaitVisible(chromedp.CSS(`#statement-text mark[data-claim="`+string(fj[0].IRI)+`"]`)))
	if mark := text(`#statement-text mark`); mark != fj[0].Evidence {
		t.Errorf("astral: mark %q, want %q", mark, fj[0].Evidence)
	}
}

// saveScreenshot writes the PNG into dir and, when
// STANCEGRAPH_SCREENSHOT_DIR is set, copies it there.
func saveScreenshot(t *testing.T, dir string, png []byte) {
	p := filepath.Join(dir, "explorer.png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
	}
	if d := os.Getenv("STANCEGRAPH_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err == nil {
			err = os.WriteFile(filepath.Join(d, "explorer.png"), png, 0o644)
			if err != nil {
				t.Errorf("copy screenshot: %v", err)
			}
		}
	}
	t.Logf("screenshot: %s", p)
}
