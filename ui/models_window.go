package ui

import (
	"fyne.io/fyne/v2"
	kwidget "kino/ui/widget"
)

// ShowModels opens the Models window (File ▸ Models…): the models
// installed, adding and removing them, and trying a pack. A second call
// brings the open window forward.
func (s *Studio) ShowModels() {
	if s.deps.Models == nil {
		s.setStatus("This Kino cannot manage models")
		return
	}
	if s.modelsWin != nil {
		s.modelsWin.RequestFocus()
		return
	}
	w := s.app.NewWindow("Models")
	panel := kwidget.NewModelsPanel(s.deps.Models, s.deps.Post, w)
	w.SetContent(panel)
	w.Resize(fyne.NewSize(960, 560))
	w.SetOnClosed(func() {
		panel.Cancel()
		s.modelsWin, s.modelsPanel = nil, nil
	})
	s.modelsWin, s.modelsPanel = w, panel
	panel.Reload()
	w.Show()
}

// ModelsPanel returns the open Models window's panel (nil when closed).
func (s *Studio) ModelsPanel() *kwidget.ModelsPanel { return s.modelsPanel }
