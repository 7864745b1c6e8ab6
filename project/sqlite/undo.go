package sqlite

import (
	"context"

	"kino/project"
)

// maxUndo is how many edits a session can undo. Older ones are dropped.
const maxUndo = 1000

// stackEntry is an edit waiting on the undo or redo stack, under the label
// of the edit the person made.
type stackEntry struct {
	label string
	edit  project.Edit
}

// push adds e to a stack, dropping the oldest entry when it is full.
func (p *Project) push(stack *[]stackEntry, e stackEntry) {
	if len(*stack) >= maxUndo {
		copy(*stack, (*stack)[1:])
		*stack = (*stack)[:len(*stack)-1]
	}
	*stack = append(*stack, e)
}

// Undo reverts the most recent edit in one transaction and makes it
// available to Redo; ENOTFOUND when there is nothing to undo. When the
// undo fails (for example a cameo's consent was revoked since), both
// stacks are left as they were.
func (p *Project) Undo(ctx context.Context) (project.Applied, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.step(ctx, &p.undo, &p.redo, "undo")
}

// Redo re-applies the most recently undone edit in one transaction;
// ENOTFOUND when there is nothing to redo.
func (p *Project) Redo(ctx context.Context) (project.Applied, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.step(ctx, &p.redo, &p.undo, "redo")
}

// step applies the top of from and pushes its inverse on to. p.mu is held.
func (p *Project) step(ctx context.Context, from, to *[]stackEntry, what string) (project.Applied, error) {
	if len(*from) == 0 {
		return project.Applied{}, project.Errorf(project.ENOTFOUND, "there is nothing to %s", what)
	}
	top := (*from)[len(*from)-1]
	inv, id, err := p.commit(ctx, top.edit)
	if err != nil {
		return project.Applied{}, err
	}
	*from = (*from)[:len(*from)-1]
	p.push(to, stackEntry{label: top.label, edit: inv})
	return project.Applied{Label: top.label, ID: id}, nil
}

// UndoLabel names the edit Undo would revert, or "".
func (p *Project) UndoLabel() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return topLabel(p.undo)
}

// RedoLabel names the edit Redo would re-apply, or "".
func (p *Project) RedoLabel() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return topLabel(p.redo)
}

func topLabel(s []stackEntry) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1].label
}
