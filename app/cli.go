package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"kino/project"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Streams are the standard streams a command talks to.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// command is one `kino` subcommand.
type command struct {
	name    string
	args    string // argument synopsis, e.g. "PATH [--title T]"
	summary string
	run     func(ctx context.Context, env *env, args []string) error
	sub     []*command
}

// env is what every command gets: streams and how to find data.
type env struct {
	Streams
	// dataDir overrides the user data directory (cameo library, models).
	dataDir string
}

// usageError is a mistake in how a command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// commands returns the command tree.
func commands() []*command {
	return []*command{
		{name: "new", args: "PATH [--title T] [--rate 24] [--size 1280x720] [--engine BACKEND[:MODEL]]", summary: "create a project", run: cmdNew},
		{name: "shot", summary: "add, list, edit, move and remove shots", sub: []*command{
			{name: "add", args: "PATH [PROMPT] [--prompt P] [--at N] [--duration 5s] [...]", summary: "add a shot", run: cmdShotAdd},
			{name: "list", args: "PATH [--json]", summary: "list the timeline's shots", run: cmdShotList},
			{name: "edit", args: "PATH SHOT [--prompt P] [--duration D] [...]", summary: "change a shot", run: cmdShotEdit},
			{name: "move", args: "PATH SHOT TO", summary: "move shot number SHOT to position TO", run: cmdShotMove},
			{name: "rm", args: "PATH SHOT", summary: "delete a shot and its takes", run: cmdShotRemove},
		}},
		{name: "cameo", summary: "manage the cameo library", sub: []*command{
			{name: "add", args: "--name N --handle @h --image FILE [--consent-owner O] [...]", summary: "save a cameo", run: cmdCameoAdd},
			{name: "list", args: "[--json]", summary: "list saved cameos", run: cmdCameoList},
			{name: "edit", args: cameoEditSynopsis, summary: "change a cameo's name, appearance or voice", run: cmdCameoEdit},
			{name: "revoke", args: "@handle [--out FILE.revocation]", summary: "revoke a cameo's consent (its takes are withheld everywhere)", run: cmdCameoRevoke},
			{name: "export", args: "@handle --out FILE.kinocameo", summary: "write a cameo with its signed consent to a file", run: cmdCameoExport},
			{name: "import", args: "FILE.kinocameo|FILE.revocation", summary: "import a cameo file or a signed revocation", run: cmdCameoImport},
		}},
		{name: "cast", args: "PATH SHOT @handle [--role R] [--remove]", summary: "cast a saved cameo in a shot, or remove it", run: cmdCast},
		{name: "line", summary: "add, list, edit and remove a shot's lines of dialogue", sub: []*command{
			{name: "add", args: "PATH SHOT @speaker TEXT [--at TIME]", summary: "add a line spoken by a cast cameo", run: cmdLineAdd},
			{name: "list", args: "PATH SHOT [--json]", summary: "list a shot's lines", run: cmdLineList},
			{name: "edit", args: "PATH SHOT LINE [--speaker @h] [--text T] [--at TIME]", summary: "change a line", run: cmdLineEdit},
			{name: "rm", args: "PATH SHOT LINE", summary: "delete a line", run: cmdLineRemove},
		}},
		{name: "take", summary: "list a shot's takes", sub: []*command{
			{name: "list", args: "PATH SHOT [--json]", summary: "list a shot's takes", run: cmdTakeList},
		}},
		{name: "engine", args: engineSynopsis, summary: "show or choose the engine and model pack that generate a project", run: cmdEngine},
		{name: "generate", args: "PROJECT SHOT... [--seed N] [--backend NAME] [--model PACK]", summary: "generate takes of shots", run: cmdGenerate},
		{name: "frame", args: "PROJECT SHOT --at TIME --out FILE.png [--force]", summary: "write one frame of a shot as PNG", run: cmdFrame},
		{name: "import", args: importSynopsis, summary: "import a Fountain screenplay as shots, casting characters by name", run: cmdImport},
		{name: "export", args: exportSynopsis, summary: "export the film: video, sound, stems, frames, editor hand-off, storyboard", run: cmdExport},
		{name: "say", args: saySynopsis, summary: "speak a line with a Piper voice (or espeak-ng) into a WAV file", run: cmdSay},
		{name: "verify", args: "FILE... [--json] [--trust CA.pem]", summary: "check files' Content Credentials: who made them, how, and that they are unchanged", run: cmdVerify},
		{name: "credentials", args: "[--install CHAIN.pem KEY.pem] [--json]", summary: "show or replace the identity that signs exports' Content Credentials", run: cmdCredentials},
		{name: "models", summary: "list, add, remove and try model packs", sub: []*command{
			{name: "list", args: "[--json]", summary: "list the installed models", run: cmdModelsList},
			{name: "add", args: "FOLDER|URL [--name NAME]", summary: "install a model folder, or download one", run: cmdModelsAdd},
			{name: "rm", args: "NAME", summary: "remove an installed model", run: cmdModelsRemove},
			{name: "try", args: `NAME "PROMPT" --out IMAGE.png [--seed N] [--steps N] [--size WxH] [--guidance G]`, summary: "generate one still with a model pack", run: cmdModelsTry},
		}},
		{name: "render", args: "--request REQ.json --out DIR", summary: "render one shot from a farm render request (what farm workers run)", run: cmdRender},
		{name: "farm", summary: "render shots on a Flamenco farm", sub: []*command{
			{name: "setup", args: "PATH --manager URL --shared DIR [--worker-shared DIR] [--kino PATH]", summary: "set up the project's farm", run: cmdFarmSetup},
			{name: "submit", args: "PATH [SHOT...|all|stale] [--priority N]", summary: "render shots on the farm", run: cmdFarmSubmit},
			{name: "status", args: "PATH [--job ID] [--json]", summary: "show farm-rendered shots", run: cmdFarmStatus},
			{name: "cancel", args: "PATH [--job ID]", summary: "cancel unfinished farm jobs", run: cmdFarmCancel},
			{name: "collect", args: "PATH [--job ID]", summary: "import finished farm takes", run: cmdFarmCollect},
			{name: "job-type", args: "[--out FILE]", summary: "print the Flamenco job type script", run: cmdFarmJobType},
		}},
		{name: "tokens", args: "[--vocab FILE] TEXT [--json]", summary: "print a prompt's CLIP token ids", run: cmdTokens},
		{name: "read", args: "TEXT [--negative TEXT] [--json]", summary: "show how the built-in engine reads a prompt", run: cmdRead},
		{name: "doctor", args: "[PATH] [--fix] [--json]", summary: "check this machine (and a project)", run: cmdDoctor},
		{name: "version", args: "", summary: "print the version", run: cmdVersion},
	}
}

// Run runs Kino's command line and returns the exit code.
func Run(ctx context.Context, args []string, s Streams) int {
	e := &env{Streams: s}
	voiceLibrary() // the models folder's Piper voices speak dialogue (voices.go)
	if len(args) == 0 {
		return runDefault(ctx, e)
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printHelp(e.Out, commands())
		return exitOK
	}
	err := dispatch(ctx, e, commands(), args, "kino")
	return report(e, err)
}

func dispatch(ctx context.Context, e *env, cmds []*command, args []string, prefix string) error {
	name := args[0]
	for _, c := range cmds {
		if c.name != name {
			continue
		}
		full := prefix + " " + c.name
		if c.sub != nil {
			if len(args) < 2 || args[1] == "-h" || args[1] == "--help" {
				if len(args) < 2 {
					printSubHelp(e.Err, full, c)
					return &usageError{msg: ""}
				}
				printSubHelp(e.Out, full, c)
				return nil
			}
			return dispatch(ctx, e, c.sub, args[1:], full)
		}
		return c.run(ctx, e, args[1:])
	}
	return usagef("unknown command %q (see %s --help)", strings.TrimPrefix(prefix+" "+name, "kino "), prefix)
}

func report(e *env, err error) int {
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		if ue.msg != "" {
			fmt.Fprintln(e.Err, "kino:", termLines(ue.msg, messageWidth))
		}
		return exitUsage
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintln(e.Err, "kino:", termLines(err.Error(), messageWidth))
	return exitError
}

func printHelp(w io.Writer, cmds []*command) {
	fmt.Fprint(w, `Kino is an offline film studio: write shots, cast cameos, generate moving
pictures with sound, and export the film.

Usage:
  kino                 start the studio
  kino COMMAND [ARGS]  run a command (add --help to any command for details)

Commands:
`)
	var lines []string
	for _, c := range cmds {
		if c.sub != nil {
			for _, s := range c.sub {
				lines = append(lines, fmt.Sprintf("  %-14s %s", c.name+" "+s.name, s.summary))
			}
			continue
		}
		lines = append(lines, fmt.Sprintf("  %-14s %s", c.name, c.summary))
	}
	fmt.Fprintln(w, strings.Join(lines, "\n"))
	fmt.Fprint(w, `
SHOT is a shot's number on the timeline (1 is the first).
Environment: XDG_DATA_HOME (cameo library and models live in $XDG_DATA_HOME/kino),
KINO_ORT_LIB (path of the ONNX Runtime library).
`)
}

func printSubHelp(w io.Writer, full string, c *command) {
	fmt.Fprintf(w, "Usage of %s:\n", full)
	names := make([]string, 0, len(c.sub))
	for _, s := range c.sub {
		names = append(names, fmt.Sprintf("  %s %-6s %s\n        %s", full, s.name, s.args, s.summary))
	}
	sort.Strings(names)
	fmt.Fprintln(w, strings.Join(names, "\n"))
}

// flags is a command's flag set. Help goes to standard output; mistakes
// become usage errors (exit code 2).
type flags struct {
	*flag.FlagSet
	e *env
}

// newFlags returns a flag set for a command whose usage prints the synopsis.
func newFlags(e *env, name, synopsis, summary string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.Err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s %s\n\n%s\n", name, synopsis, summary)
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nOptions:")
			fs.PrintDefaults()
		}
	}
	return &flags{FlagSet: fs, e: e}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses args with flags and positionals in any order (people type
// "kino shot list film.kino --json") and returns the positionals.
func (fs *flags) parse(args []string) ([]string, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(fs.e.Out)
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, flag.ErrHelp
			}
			return nil, &usageError{msg: ""}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// args parses args and checks the number of positionals (max -1: any).
func (fs *flags) args(args []string, min, max int) ([]string, error) {
	pos, err := fs.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		fs.Usage()
		if len(pos) < min {
			return nil, usagef("%s: missing arguments", fs.Name())
		}
		return nil, usagef("%s: too many arguments: %s", fs.Name(), strings.Join(pos[max:], " "))
	}
	return pos, nil
}

// given reports which flags were set on the command line.
func (fs *flags) given() map[string]bool {
	m := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { m[f.Name] = true })
	return m
}

// codeError turns domain errors into messages that end in a hint where one
// helps and the message has none of its own.
func codeError(err error) error {
	if project.ErrorCode(err) == project.ECONSENT && !strings.Contains(err.Error(), "withheld") {
		return fmt.Errorf("%w (ask the cameo's owner to renew consent, or cast another cameo)", err)
	}
	return err
}
