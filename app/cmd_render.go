package app

import (
	"context"
	"fmt"
	"os"
	"slices"

	"kino/engine"
	"kino/engine/farm"
)

func cmdRender(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "kino render", "--request REQ.json --out DIR",
		"Render one shot from a self-contained render request (as a farm worker does) into DIR:\n"+
			"the take's frames, sound and thumbnail, and result.json. It never opens a project. Consent is\n"+
			"judged again, with the shared revocations; a revoked or expired cameo fails the render.\n"+
			"DIR belongs to the task: an earlier output of kino render there is replaced, anything else refused.")
	reqPath := fs.String("request", "", "the render request (required)")
	out := fs.String("out", "", "the output folder (required)")
	if _, err := fs.args(args, 0, 0); err != nil {
		return err
	}
	if *reqPath == "" || *out == "" {
		fs.Usage()
		return usagef("kino render: --request and --out are required")
	}
	if err := checkOutputPath(*out); err != nil {
		return err
	}
	worker, _ := os.Hostname()
	res, err := farm.Render(ctx, *reqPath, *out, farm.RenderOptions{
		Backends: backends(),
		HasModel: func(b engine.Backend, model string) bool {
			return hasModels(b) && slices.Contains(installedModels(b), model)
		},
		Progress: progressLine(e.Err, "render"),
		Worker:   worker,
	})
	clearProgressLine(e.Err)
	if err != nil {
		return codeError(err)
	}
	fmt.Fprintf(e.Out, "Rendered shot %d (%d frames, %s) in %.1fs into %s\n", res.ShotID, res.Frames, res.Backend, float64(res.TotalMS)/1000, *out)
	for _, n := range res.Notes {
		fmt.Fprintf(e.Err, "note: %s\n", n)
	}
	return nil
}
