package widget

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kino/engine"
	"kino/engine/jobs"
	"kino/project"
)

// ShotDetails is what the inspector shows about a shot besides its fields.
type ShotDetails struct {
	// Rate is the project's frame rate, for the duration field.
	Rate project.Rate
	// Problem explains why the shot cannot be generated (a cameo's consent
	// was revoked or expired); Generate is refused while it is set.
	Problem string
	// Job is the shot's queued or running generation, or nil.
	Job *JobView
	// Message is the last failure: a failed take's error or a refusal.
	Message string
	// Retry offers to run the failed generation again.
	Retry bool
	// Withheld is set when the shot's active take is withheld by consent.
	Withheld *WithheldView
}

// JobView is a generation as the inspector shows it.
type JobView struct {
	State    jobs.State
	Progress engine.Progress
	// Farm is set when the shot renders on the farm.
	Farm *FarmShot
	// Variations is how many takes generate together (0 or 1: one).
	Variations int
}

// Inspector edits the selected shot. Every finished change is reported
// through OnCommit as the whole updated shot, which the studio stores at
// once. Typing `@` in the prompt offers the cameos that may be cast.
type Inspector struct {
	widget.BaseWidget

	// OnCommit receives the shot with a changed field.
	OnCommit func(s *project.Shot)
	// OnGenerate asks for a new take; force renders even when an
	// identical take exists (Regenerate).
	OnGenerate func(force bool)
	// OnCancel cancels the shot's job.
	OnCancel func()
	// OnCast casts a cameo chosen from the `@` list that is not cast yet.
	OnCast func(c *project.Cameo)
	// OnUncast removes a cameo from the shot's cast.
	OnUncast func(handle string)
	// OnPromptEdited is called as the person types (for live chips).
	OnPromptEdited func(text string)

	post      func(func())
	now       func() time.Time
	projectID string
	base      *project.Shot
	details   ShotDetails
	cameos    []*project.Cameo
	chipTexts []string
	loading   bool
	// batch > 0 holds relayouts until the batch ends (relayoutDue).
	batch       int
	relayoutDue bool
	debounce    *time.Timer

	title      *widget.Label
	problem    *widget.Label
	withheld   *WithheldBanner
	prompt     *CommitEntry
	chips      *fyne.Container
	cast       *fyne.Container
	negative   *CommitEntry
	duration   *CommitEntry
	seedLock   *widget.Check
	seedValue  *CommitEntry
	seedNew    *widget.Button
	size       *widget.Select
	move       *widget.Select
	style      *widget.Select
	dialogue   *dialogueEditor
	generate   *widget.Button
	regenerate *widget.Button
	variations *widget.Select // how many takes Generate makes at once
	jobBox     *fyne.Container
	progress   *widget.ProgressBar
	jobLabel   *widget.Label
	cancel     *widget.Button
	message    *widget.Label
	retry      *widget.Button
	takes      *TakesStrip
	mention    *mentionPopup

	engine        EngineChoice
	tokens        *widget.Label
	strength      *widget.Slider
	strengthLabel *widget.Label
	strengthRow   *widget.Form
	neural        *neuralFields

	form   *fyne.Container
	scroll *container.Scroll
	empty  *widget.Label
	root   *fyne.Container
}

// variationOptions are the sizes of a set of takes generated together.
var variationOptions = []string{"1 take", "2 variations", "4 variations"}

// Variations returns how many takes Generate makes at once: 1, 2 or 4.
func (i *Inspector) Variations() int {
	switch i.variations.Selected {
	case variationOptions[1]:
		return 2
	case variationOptions[2]:
		return 4
	}
	return 1
}

// SetVariations chooses how many takes Generate makes at once (1, 2 or 4).
func (i *Inspector) SetVariations(n int) {
	switch {
	case n >= 4:
		i.variations.SetSelected(variationOptions[2])
	case n >= 2:
		i.variations.SetSelected(variationOptions[1])
	default:
		i.variations.SetSelected(variationOptions[0])
	}
}

// promptDebounce is how long typing pauses before the prompt is stored.
const promptDebounce = 800 * time.Millisecond

// NewInspector returns an inspector with no shot. post runs functions on
// the UI goroutine (for the typing debounce).
func NewInspector(post func(func()), now func() time.Time) *Inspector {
	if now == nil {
		now = time.Now
	}
	i := &Inspector{post: post, now: now}
	i.ExtendBaseWidget(i)
	i.build()
	i.SetShot(nil, ShotDetails{})
	return i
}

func (i *Inspector) build() {
	i.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	i.problem = widget.NewLabel("")
	i.problem.Importance = widget.DangerImportance
	i.problem.Wrapping = fyne.TextWrapWord
	i.withheld = NewWithheldBanner()

	i.prompt = NewCommitEntry(true)
	i.prompt.SetPlaceHolder("Describe the shot. Type @ to cast a cameo.")
	i.prompt.SetMinRowsVisible(4)
	i.prompt.OnCommit = func(text string) { i.commitWith(func(s *project.Shot) { s.Prompt = text }) }
	i.prompt.OnEdit = i.promptEdited
	i.mention = newMentionPopup(i)
	i.prompt.interceptKey = i.mention.key
	i.prompt.acceptsTab = i.mention.visible
	i.prompt.onFocusLost = i.mention.hide
	i.prompt.interceptShortcut = i.promptShortcut
	i.chips = container.New(&flowLayout{})
	i.cast = container.New(&flowLayout{})

	i.negative = NewCommitEntry(false)
	i.negative.SetPlaceHolder("Things to avoid")
	i.negative.OnCommit = func(text string) { i.commitWith(func(s *project.Shot) { s.NegativePrompt = text }) }

	i.duration = NewCommitEntry(false)
	i.duration.OnCommit = i.commitDuration

	i.seedLock = widget.NewCheck("Locked", func(on bool) {
		if i.loading {
			return
		}
		i.commitWith(func(s *project.Shot) {
			s.Seed.Mode = project.SeedNewEach
			if on {
				s.Seed.Mode = project.SeedFixed
			}
		})
	})
	i.seedValue = NewCommitEntry(false)
	i.seedValue.OnCommit = i.commitSeed
	i.seedNew = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() {
		i.commitWith(func(s *project.Shot) { s.Seed.Value = NewSeed() })
	})

	i.size = widget.NewSelect(optionList(project.ShotSizes), func(v string) {
		if !i.loading {
			i.commitWith(func(s *project.Shot) { s.Camera.Size = project.ShotSize(fromOption(v)) })
		}
	})
	i.move = widget.NewSelect(optionList(project.CameraMoves), func(v string) {
		if !i.loading {
			i.commitWith(func(s *project.Shot) { s.Camera.Move = project.CameraMove(fromOption(v)) })
		}
	})
	i.style = widget.NewSelect(optionList(project.Styles), func(v string) {
		if !i.loading {
			i.commitWith(func(s *project.Shot) { s.Style = project.Style(fromOption(v)) })
		}
	})
	i.dialogue = newDialogueEditor(i)

	i.generate = widget.NewButtonWithIcon("Generate", theme.MediaPlayIcon(), func() { i.requestGenerate(false) })
	i.generate.Importance = widget.HighImportance
	i.regenerate = widget.NewButtonWithIcon("Regenerate", theme.ViewRefreshIcon(), func() { i.requestGenerate(true) })
	i.variations = widget.NewSelect(variationOptions, nil)
	i.variations.SetSelected(variationOptions[0])
	i.progress = widget.NewProgressBar()
	i.jobLabel = widget.NewLabel("")
	i.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		if i.OnCancel != nil {
			i.OnCancel()
		}
	})
	i.jobBox = container.NewBorder(nil, nil, i.jobLabel, i.cancel, i.progress)
	i.message = widget.NewLabel("")
	i.message.Wrapping = fyne.TextWrapWord
	i.message.Importance = widget.WarningImportance
	i.retry = widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), func() { i.requestGenerate(false) })
	i.takes = NewTakesStrip()

	seedRow := container.NewBorder(nil, nil, i.seedLock, i.seedNew, i.seedValue)
	fields := widget.NewForm(
		widget.NewFormItem("Avoid", i.negative),
		widget.NewFormItem("Duration", i.duration),
		widget.NewFormItem("Seed", seedRow),
		widget.NewFormItem("Shot size", i.size),
		widget.NewFormItem("Camera", i.move),
		widget.NewFormItem("Style", i.style),
	)
	tokens, strength := i.buildEngineFields()
	sampling := i.buildNeuralFields()
	// The fields scroll; the title stays on top and Generate, the job and
	// the takes strip stay at the bottom, so the takes (Star, Use,
	// Delete, Compare) are in view whatever the window's height.
	fieldsBox := container.NewVBox(
		i.prompt,
		tokens,
		i.chips,
		i.cast,
		fields,
		strength,
		sampling,
		widget.NewLabelWithStyle("Dialogue", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		i.dialogue.content(),
	)
	actions := container.NewVBox(
		container.NewHBox(i.generate, i.regenerate, i.variations),
		i.jobBox,
		container.NewBorder(nil, nil, nil, i.retry, wrapBox(i.message)),
		i.takes,
	)
	i.scroll = container.NewVScroll(fieldsBox)
	i.form = container.NewBorder(container.NewVBox(i.title, wrapBox(i.problem), i.withheld), actions, nil, nil, i.scroll)
	i.empty = widget.NewLabel("Select a shot on the timeline, or add one with +.")
	i.empty.Wrapping = fyne.TextWrapWord
	i.scroll.OnScrolled = func(fyne.Position) { i.mention.hide() }
	i.root = container.NewStack(i.form, wrapBox(i.empty), container.NewWithoutLayout(i.mention.panel))
}

// CreateRenderer implements fyne.Widget.
func (i *Inspector) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(i.root)
}

// Controls returns the inspector's main controls by name (see
// Studio.Controls).
func (i *Inspector) Controls() map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{
		"prompt":      i.prompt,
		"generate":    i.generate,
		"regenerate":  i.regenerate,
		"variations":  i.variations,
		"takes strip": i.takes,
		"compare":     i.takes.compare,
	}
}

// Takes returns the inspector's takes strip.
func (i *Inspector) Takes() *TakesStrip { return i.takes }

// Withheld returns the banner shown when the shot's take is withheld.
func (i *Inspector) Withheld() *WithheldBanner { return i.withheld }

// Shot returns the shot being edited, with the changes committed so far,
// or nil.
func (i *Inspector) Shot() *project.Shot {
	if i.base == nil {
		return nil
	}
	return i.base.Clone()
}

// SetProject sets the project the consent of `@` candidates is checked for.
func (i *Inspector) SetProject(id string) { i.projectID = id }

// SetCameos sets the cameos `@` offers (filtered by consent).
func (i *Inspector) SetCameos(cameos []*project.Cameo) { i.cameos = cameos }

// SetInterpretation shows what the engine understood of the prompt.
func (i *Inspector) SetInterpretation(in engine.Interpretation) {
	i.chipTexts = chipTexts(in)
	i.chips.Objects = interpretationChips(in)
	i.relayout()
}

// relayout lays the form out again after rows changed their height.
func (i *Inspector) relayout() {
	if i.batch > 0 {
		i.relayoutDue = true
		return
	}
	i.form.Refresh()
	i.scroll.Refresh()
}

// batched runs f, laying the form out once at the end instead of after
// every row that changed (selecting a shot changed a dozen).
func (i *Inspector) batched(f func()) {
	i.batch++
	f()
	i.batch--
	if i.batch == 0 && i.relayoutDue {
		i.relayoutDue = false
		i.relayout()
	}
}

// SetDetails updates the job, problem and message without touching the
// fields.
func (i *Inspector) SetDetails(d ShotDetails) {
	i.details = d
	i.problem.SetText(d.Problem)
	showIf(i.problem, d.Problem != "")
	i.withheld.Set(d.Withheld)
	if d.Job != nil {
		i.progress.SetValue(d.Job.Progress.Fraction())
		label := string(d.Job.State)
		if d.Job.State == jobs.Reported || d.Job.State == jobs.Running {
			label = "Generating"
			if d.Job.Variations > 1 {
				label += " " + itoa(d.Job.Variations) + " variations"
			}
			if d.Job.Progress.Stage != "" {
				label += " (" + d.Job.Progress.Stage + ")"
			}
		} else if d.Job.State == jobs.Queued {
			label = "Queued"
			if d.Job.Variations > 1 {
				label = itoa(d.Job.Variations) + " variations queued"
			}
		}
		if f := d.Job.Farm; f != nil {
			label = "Queued on the farm"
			if f.State == "active" {
				label = "Rendering on the farm"
				if f.Worker != "" {
					label += " (" + f.Worker + ")"
				}
			}
		}
		i.jobLabel.SetText(label)
	}
	showIf(i.jobBox, d.Job != nil)
	i.message.SetText(d.Message)
	showIf(i.message, d.Message != "")
	showIf(i.retry, d.Retry)
	i.relayout()
}

// SetShot shows s (nil: nothing selected). When s is the shot already
// shown, text the person is still typing is kept.
func (i *Inspector) SetShot(s *project.Shot, d ShotDetails) {
	i.batched(func() { i.setShot(s, d) })
}

func (i *Inspector) setShot(s *project.Shot, d ShotDetails) {
	i.loading = true
	defer func() { i.loading = false }()
	same := s != nil && i.base != nil && s.ID == i.base.ID
	if !same {
		// A field keeps the caret only for the shot it was typed into:
		// keys meant for the newly selected shot's card must not edit
		// its fields unseen.
		unfocusIf(i, i.textFields()...)
	}
	if s == nil {
		i.base = nil
		i.mention.hide()
		showIf(i.empty, true)
		i.form.Hide()
		i.SetDetails(d)
		return
	}
	i.base = s.Clone()
	showIf(i.empty, false)
	i.form.Show()
	if !same {
		i.chips.Objects, i.chipTexts = nil, nil
		i.mention.hide()
	}
	i.details = d
	i.title.SetText("Shot " + itoa(s.Number()) + " · " + s.Duration.String())
	set := func(e *CommitEntry, v string) {
		if same {
			e.setCommitted(v)
		} else {
			e.ForceText(v)
		}
	}
	set(i.prompt, s.Prompt)
	set(i.negative, s.NegativePrompt)
	set(i.duration, s.Duration.String())
	set(i.seedValue, uitoa(s.Seed.Value))
	i.seedLock.SetChecked(s.Seed.Mode == project.SeedFixed)
	i.size.SetSelected(toOption(string(s.Camera.Size)))
	i.move.SetSelected(toOption(string(s.Camera.Move)))
	i.style.SetSelected(toOption(string(s.Style)))
	i.setStrength(s.Strength)
	i.setNeural(s, same)
	i.setCast(s.Cast)
	i.dialogue.set(s, d.Rate, same)
	i.SetDetails(d)
}

func (i *Inspector) setCast(cast []project.CastMember) {
	var objs []fyne.CanvasObject
	for _, c := range cast {
		h := c.Handle
		b := widget.NewButtonWithIcon(h, theme.CancelIcon(), func() {
			if i.OnUncast != nil {
				i.OnUncast(h)
			}
		})
		b.Importance = widget.LowImportance
		b.IconPlacement = widget.ButtonIconTrailingText
		objs = append(objs, b)
	}
	i.cast.Objects = objs
	i.relayout()
}

// textFields returns the inspector's text fields.
func (i *Inspector) textFields() []fyne.Focusable {
	out := []fyne.Focusable{i.prompt, i.negative, i.duration, i.seedValue}
	for _, r := range i.dialogue.rows {
		out = append(out, r.text, r.start)
	}
	return out
}

// Flush commits every field that holds unsaved typing.
func (i *Inspector) Flush() {
	if i.debounce != nil {
		i.debounce.Stop()
	}
	for _, e := range []*CommitEntry{i.prompt, i.negative, i.duration, i.seedValue} {
		e.commit()
	}
	i.flushNeural()
	i.dialogue.flush()
}

// Chips returns the texts of the chips that explain the prompt.
func (i *Inspector) Chips() []string { return i.chipTexts }

// Prompt returns the prompt field.
func (i *Inspector) Prompt() Field { return i.prompt }

// DurationField returns the duration field.
func (i *Inspector) DurationField() Field { return i.duration }

// NegativeField returns the "Avoid" field.
func (i *Inspector) NegativeField() Field { return i.negative }

// MentionChoices returns the handles the `@` list offers now (none when
// it is closed).
func (i *Inspector) MentionChoices() []string {
	if !i.mention.visible() {
		return nil
	}
	return i.mention.handles()
}

// Problem returns the consent problem shown ("" when none).
func (i *Inspector) Problem() string {
	if !i.problem.Visible() {
		return ""
	}
	return i.problem.Text
}

// Message returns the failure or refusal message shown ("" when none).
func (i *Inspector) Message() string {
	if !i.message.Visible() {
		return ""
	}
	return i.message.Text
}

func (i *Inspector) requestGenerate(force bool) {
	i.Flush()
	if i.OnGenerate != nil && i.base != nil {
		i.OnGenerate(force)
	}
}

// promptShortcut takes Ctrl+Enter (Generate) in the prompt.
func (i *Inspector) promptShortcut(s fyne.Shortcut) bool {
	if isGenerateShortcut(s) {
		i.requestGenerate(false)
		return true
	}
	return false
}

func (i *Inspector) promptEdited(text string) {
	i.mention.update()
	if i.OnPromptEdited != nil {
		i.OnPromptEdited(text)
	}
	i.schedulePromptCommit()
}

// schedulePromptCommit stores the prompt once typing pauses; while the
// `@` list is open it waits for the list to close.
func (i *Inspector) schedulePromptCommit() {
	if i.debounce != nil {
		i.debounce.Stop()
	}
	if i.post == nil {
		return
	}
	i.debounce = time.AfterFunc(promptDebounce, func() {
		i.post(func() {
			if i.mention.visible() {
				i.schedulePromptCommit()
				return
			}
			i.prompt.commit()
		})
	})
}

// MentionSelected returns the handle the `@` list highlights ("" when
// it is closed).
func (i *Inspector) MentionSelected() string { return i.mention.selected() }

// FarmShot is where a shot is on the farm.
type FarmShot struct {
	// State is the farm task's status: queued, active, completed, failed,
	// canceled...
	State string
	// Worker is the machine rendering it.
	Worker string
	// Reason says why a failed task failed (the end of its log).
	Reason string
}

// Busy reports whether the farm is still working on the shot.
func (f FarmShot) Busy() bool {
	switch f.State {
	case "queued", "active", "soft-failed", "paused", "cancel-requested":
		return true
	}
	return false
}
