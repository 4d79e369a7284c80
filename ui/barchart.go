package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one row of a barChart: a task's time, split into billable and
// non-billable parts.
type bar struct {
	client, task string // the label reads "client / task"
	hours, share string // "12.5 h", "23.4 %"
	billable     int64  // seconds
	nonBillable  int64
}

// labelSep stands between a bar's client and task.
const labelSep = " / "

func (b bar) label() string { return b.client + labelSep + b.task }

func (b bar) total() int64 { return b.billable + b.nonBillable }

// barChart draws horizontal bars scaled to the longest, each labelled with
// its client and task on the left (the task alone when all are of one client) and its hours and share on the right,
// billable time in the primary colour and non-billable time in a tint of it.
// A legend under the bars names the two colours. It draws with canvas
// objects only, so an offscreen canvas renders it as the window does.
type barChart struct {
	widget.BaseWidget
	bars  []bar
	empty string // shown when there are no bars
}

func newBarChart() *barChart {
	c := &barChart{empty: "No time tracked in this period"}
	c.ExtendBaseWidget(c)
	return c
}

// oneClient reports whether every bar is of the same client: the labels
// then name the task alone, the client being named around the chart.
func (c *barChart) oneClient() bool {
	for _, b := range c.bars {
		if b.client != c.bars[0].client {
			return false
		}
	}
	return len(c.bars) > 0
}

// shownLabel is a bar's label as drawn.
func (c *barChart) shownLabel(b bar) string {
	if c.oneClient() {
		return b.task
	}
	return b.label()
}

// set replaces the bars, in the order given.
func (c *barChart) set(bars []bar) {
	c.bars = bars
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.Refresh()
	return r
}

// Proportions of the chart, in multiples of the theme's padding or text size.
const (
	barLabelShare = 0.36 // at most this part of the width goes to labels
	barThickness  = 0.85 // of the text height
	nonBillableA  = 0x66 // alpha of the non-billable tint
	legendSwatch  = 10
)

// barRow is what draws one bar.
type barRow struct {
	client, task *canvas.Text // right-aligned against the bars
	whole        *canvas.Rectangle
	billable     *canvas.Rectangle
	hours, share *canvas.Text
}

type barChartRenderer struct {
	c      *barChart
	rows   []barRow
	legend []fyne.CanvasObject // swatch, text, swatch, text
	empty  *canvas.Text
	objs   []fyne.CanvasObject
}

func (r *barChartRenderer) textSize() float32 { return theme.TextSize() }

func (r *barChartRenderer) lineHeight() float32 {
	return fyne.MeasureText("Ag", r.textSize(), fyne.TextStyle{}).Height
}

func (r *barChartRenderer) rowHeight() float32 { return r.lineHeight() + theme.Padding() }

func (r *barChartRenderer) legendHeight() float32 {
	return fyne.MeasureText("Ag", theme.CaptionTextSize(), fyne.TextStyle{}).Height
}

func (r *barChartRenderer) MinSize() fyne.Size {
	if len(r.c.bars) == 0 {
		return fyne.NewSize(300, 3*r.rowHeight())
	}
	h := float32(len(r.c.bars))*r.rowHeight() + 2*theme.Padding() + r.legendHeight()
	return fyne.NewSize(300, h)
}

func (r *barChartRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	primary := theme.Color(theme.ColorNamePrimary)
	tint := withAlpha(primary, nonBillableA)
	size := r.textSize()

	r.rows = r.rows[:0]
	r.objs = r.objs[:0]
	for _, b := range r.c.bars {
		row := barRow{
			client:   canvas.NewText(b.client+labelSep, muted),
			task:     canvas.NewText(b.task, fg),
			whole:    canvas.NewRectangle(tint),
			billable: canvas.NewRectangle(primary),
			hours:    canvas.NewText(b.hours, fg),
			share:    canvas.NewText(b.share, muted),
		}
		row.hours.TextStyle.Bold = true
		for _, t := range []*canvas.Text{row.client, row.task, row.hours, row.share} {
			t.TextSize = size
		}
		r.rows = append(r.rows, row)
		r.objs = append(r.objs, row.whole, row.billable, row.client, row.task, row.hours, row.share)
	}
	swatch := func(c color.Color) *canvas.Rectangle {
		s := canvas.NewRectangle(c)
		s.CornerRadius = 2
		s.SetMinSize(fyne.NewSquareSize(legendSwatch))
		return s
	}
	caption := func(s string) *canvas.Text {
		t := canvas.NewText(s, muted)
		t.TextSize = theme.CaptionTextSize()
		return t
	}
	r.legend = []fyne.CanvasObject{swatch(primary), caption("Billable"), swatch(tint), caption("Non-billable")}
	r.empty = canvas.NewText(r.c.empty, muted)
	r.empty.Alignment = fyne.TextAlignCenter
	if len(r.c.bars) == 0 {
		r.objs = append(r.objs, r.empty)
	} else {
		r.objs = append(r.objs, r.legend...)
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	if len(r.c.bars) == 0 {
		r.empty.Resize(size)
		r.empty.Move(fyne.NewPos(0, 0))
		return
	}
	pad := theme.Padding()
	line, rowH := r.lineHeight(), r.rowHeight()
	ts := r.textSize()
	bold := fyne.TextStyle{Bold: true}

	// The label column is as wide as the longest label, within its share.
	var labelW, valueW float32
	var longest int64
	for _, b := range r.c.bars {
		labelW = max(labelW, fyne.MeasureText(r.c.shownLabel(b), ts, fyne.TextStyle{}).Width)
		valueW = max(valueW, fyne.MeasureText(b.hours, ts, bold).Width+pad+fyne.MeasureText(b.share, ts, fyne.TextStyle{}).Width)
		longest = max(longest, b.total())
	}
	labelW = min(labelW, size.Width*barLabelShare)
	barX := labelW + 2*pad
	barMax := max(size.Width-barX-2*pad-valueW, 0)
	thick := line * barThickness
	one := r.c.oneClient()

	for i, b := range r.c.bars {
		row := r.rows[i]
		y := float32(i) * rowH
		textY := y + (rowH-line)/2

		// Labels: the task in full when it fits, the client shortened first.
		style := fyne.TextStyle{}
		sepW := fyne.MeasureText(labelSep, ts, style).Width
		row.client.Text = ""
		if one {
			row.task.Text = fit(b.task, ts, style, labelW)
		} else {
			clientW := fyne.MeasureText(b.client, ts, style).Width
			row.task.Text = fit(b.task, ts, style, max(labelW*0.6, labelW-clientW-sepW))
		}
		taskW := fyne.MeasureText(row.task.Text, ts, style).Width
		if short := fit(b.client, ts, style, labelW-taskW-sepW); short != "" && !one {
			row.client.Text = short + labelSep
		}
		clientW := fyne.MeasureText(row.client.Text, ts, style).Width
		row.task.Move(fyne.NewPos(labelW-taskW, textY))
		row.task.Resize(fyne.NewSize(taskW, line))
		row.client.Move(fyne.NewPos(labelW-taskW-clientW, textY))
		row.client.Resize(fyne.NewSize(clientW, line))

		var w, bw float32
		if longest > 0 {
			w = barMax * float32(b.total()) / float32(longest)
			bw = barMax * float32(b.billable) / float32(longest)
		}
		w = max(w, 2) // a sliver still shows the task is there
		barY := y + (rowH-thick)/2
		radius := min(thick/4, 4)
		row.whole.CornerRadius = radius
		row.whole.Move(fyne.NewPos(barX, barY))
		row.whole.Resize(fyne.NewSize(w, thick))
		// The billable part covers the left of the bar: square on its right
		// unless it is the whole bar.
		row.billable.CornerRadius = 0
		row.billable.TopLeftCornerRadius, row.billable.BottomLeftCornerRadius = radius, radius
		row.billable.TopRightCornerRadius, row.billable.BottomRightCornerRadius = 0, 0
		if b.nonBillable == 0 {
			row.billable.CornerRadius = radius
			bw = w
		}
		row.billable.Move(fyne.NewPos(barX, barY))
		row.billable.Resize(fyne.NewSize(bw, thick))
		if bw <= 0 {
			row.billable.Hide()
		} else {
			row.billable.Show()
		}

		hx := barX + w + pad
		hw := fyne.MeasureText(b.hours, ts, bold).Width
		row.hours.Move(fyne.NewPos(hx, textY))
		row.hours.Resize(fyne.NewSize(hw, line))
		sw := fyne.MeasureText(b.share, ts, fyne.TextStyle{}).Width
		row.share.Move(fyne.NewPos(hx+hw+pad, textY))
		row.share.Resize(fyne.NewSize(sw, line))
	}

	// The legend sits under the bars, starting where they start.
	cs := theme.CaptionTextSize()
	lh := r.legendHeight()
	x, y := barX, float32(len(r.c.bars))*rowH+2*pad
	for i, o := range r.legend {
		if i%2 == 0 {
			o.Resize(fyne.NewSquareSize(legendSwatch))
			o.Move(fyne.NewPos(x, y+(lh-legendSwatch)/2))
			x += legendSwatch + pad
			continue
		}
		t := o.(*canvas.Text)
		tw := fyne.MeasureText(t.Text, cs, fyne.TextStyle{}).Width
		t.Resize(fyne.NewSize(tw, lh))
		t.Move(fyne.NewPos(x, y))
		x += tw + 3*pad
	}
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *barChartRenderer) Destroy() {}

// fit shortens text with an ellipsis until it is at most width wide.
func fit(text string, size float32, style fyne.TextStyle, width float32) string {
	if fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	lo, hi := 0, len(runes) // the longest prefix that fits lies in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return string(runes[:lo]) + "…"
}

// meter is a slim bar of used against available, for a retainer month:
// the used part in the primary colour, in the warning colour when it goes
// over.
type meter struct {
	widget.BaseWidget
	used, available float64 // hours, for drawing only
}

func newMeter(used, available float64) *meter {
	m := &meter{used: used, available: available}
	m.ExtendBaseWidget(m)
	return m
}

const meterThickness = 8

func (m *meter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m, track: canvas.NewRectangle(nil), fill: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type meterRenderer struct {
	m           *meter
	track, fill *canvas.Rectangle
}

func (r *meterRenderer) MinSize() fyne.Size { return fyne.NewSize(60, meterThickness) }

func (r *meterRenderer) Layout(size fyne.Size) {
	y := (size.Height - meterThickness) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, meterThickness))
	frac := float32(1)
	if r.m.available > 0 {
		frac = float32(min(r.m.used/r.m.available, 1))
	}
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(size.Width*frac, meterThickness))
}

func (r *meterRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBorder)
	r.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	if r.m.used > r.m.available {
		r.fill.FillColor = theme.Color(theme.ColorNameWarning)
	}
	r.track.CornerRadius, r.fill.CornerRadius = meterThickness/2, meterThickness/2
	r.Layout(r.m.Size())
	r.track.Refresh()
	r.fill.Refresh()
}

func (r *meterRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.track, r.fill} }

func (r *meterRenderer) Destroy() {}
