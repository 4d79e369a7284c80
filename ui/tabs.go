package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// tabs lays out the screens of the main window; a screen is one line here.
func tabs(w fyne.Window, s Services, track *track) *container.AppTabs {
	return container.NewAppTabs(
		container.NewTabItemWithIcon("Track", theme.HistoryIcon(), track.content),
		container.NewTabItemWithIcon("Clients", theme.AccountIcon(), newClients(w, s, track).content),
		container.NewTabItemWithIcon("Invoices", theme.DocumentIcon(), newInvoices(w, s).content),
		container.NewTabItemWithIcon("Reports", theme.ListIcon(), newReports(w, s).content),
	)
}
