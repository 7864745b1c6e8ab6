package widget

import "image"

// ShowPreview shows img, a picture of shot shotID taking shape while it
// generates, in place of the shot's storyboard card: only while paused on
// that shot and only when it has no take to show yet. The take replaces it
// when it is stored.
func (p *Player) ShowPreview(shotID int64, img image.Image) {
	if p.playing || img == nil {
		return
	}
	i, _ := p.prog.locate(p.frame)
	if i < 0 || p.prog.segs[i].ShotID != shotID || p.prog.segs[i].Take != nil {
		return
	}
	p.still.Add(1) // a still still decoding must not cover the preview
	p.img.Image = img
	p.img.Refresh()
	p.img.Show()
	p.card.Hide()
	p.shownSeg = i
	if !p.firstPreview {
		p.firstPreview = true
		if p.OnFirstPreview != nil {
			p.OnFirstPreview()
		}
	}
}

// ShowingPicture reports whether the player shows a picture rather than a
// storyboard card (for tests).
func (p *Player) ShowingPicture() bool { return p.img.Visible() && p.img.Image != nil }

// Card returns the title and text of the storyboard card and whether it
// is shown (for tests: a withheld take's span shows a card saying why).
func (p *Player) Card() (title, text string, shown bool) {
	return p.cardTitle.Text, p.cardText.Text, p.card.Visible()
}
