// Command horas opens the Horas window, or runs one command of its CLI.
package main

import (
	"context"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // client time zones work on machines without a zoneinfo database

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/horasapp/horas/assets"
	"github.com/horasapp/horas/internal/cli"
	_ "github.com/horasapp/horas/internal/posixlocale" // before Fyne's init: see the package
	"github.com/horasapp/horas/internal/store"
	"github.com/horasapp/horas/internal/tracking"
	"github.com/horasapp/horas/invoice"
	"github.com/horasapp/horas/ui"
)

func main() {
	dbPath, args, err := cli.SplitGlobal(os.Args[1:])
	if err != nil {
		os.Exit(cli.Exit(os.Stderr, "", err))
	}
	if len(args) > 0 {
		os.Exit(cli.Run(context.Background(), dbPath, args, os.Stdout, os.Stderr))
	}
	if err := openWindow(dbPath); err != nil {
		fmt.Fprintf(os.Stderr, "horas: %v\n", err)
		os.Exit(cli.ExitFault)
	}
}

// openWindow opens the database for the window, which holds it alone: a
// second window on the same file is told so and quits.
func openWindow(dbPath string) error {
	ctx := context.Background()
	a := app.NewWithID("com.github.horasapp.horas")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	release, err := store.LockExclusive(dbPath)
	if err != nil {
		return showFatal(a, err)
	}
	defer release()
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		return showFatal(a, err)
	}
	defer db.Close()
	if _, err := db.DailyBackup(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "horas: daily backup: %v\n", err)
	}
	p, err := invoice.LoadProfile(ctx, db.Reader())
	if err != nil {
		return showFatal(a, err)
	}
	svc := tracking.New(db, time.Now, p.Zone())
	w := a.NewWindow("Horas")
	content, stop := ui.Create(a, w, ui.Services{Tracking: svc, Invoices: invoice.New(svc, time.Now)})
	defer stop()
	w.SetContent(content)
	w.Resize(fyne.NewSize(1000, 680))
	w.SetMaster()
	w.ShowAndRun()
	return nil
}

// showFatal tells a user who started Horas from a launcher, with no terminal
// to read, why it cannot open; the error also goes to stderr.
func showFatal(a fyne.App, err error) error {
	fmt.Fprintf(os.Stderr, "horas: %v\n", err)
	w := a.NewWindow("Horas")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), widget.NewButton("Quit", a.Quit)), nil, nil, msg))
	w.Resize(fyne.NewSize(480, 160))
	w.ShowAndRun()
	os.Exit(cli.ExitInput)
	return err
}
