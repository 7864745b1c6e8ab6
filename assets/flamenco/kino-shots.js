// Kino shots: Flamenco job type that renders Kino shots, one task per
// shot. Each task runs `kino render` itself as the command's executable
// (Flamenco cancels only the direct process, so no shell sits between).
//
// Install: copy this file into the Flamenco Manager's scripts/ folder (it
// is re-read on every job submission; no restart is needed). Kino submits
// jobs of this type with `kino farm submit`; `kino farm setup` checks that
// the Manager has it.
//
// Settings (filled in by Kino when it submits):
//   kino_binary  the kino program on the Workers
//   job_dir      the job's folder inside the shared folder, as Workers see it
//   shots        the shot folders of the job, separated by commas
//   project      the project's title (for the job list)

const JOB_TYPE = {
  label: "Kino Shots",
  description: "Render Kino shots (previz or ONNX model packs), one task per shot, into the shared folder.",
  settings: [
    { key: "kino_binary", type: "string", default: "kino", description: "The kino program on the Workers." },
    { key: "job_dir", type: "string", required: true, description: "The job folder in the shared folder, as Workers see it." },
    { key: "shots", type: "string", required: true, description: "Shot folders, comma-separated." },
    { key: "project", type: "string", default: "", description: "The project's title." },
  ],
};

function compileJob(job) {
  const settings = job.settings;
  // Settings sent through the API do not get their defaults filled in.
  const kino = settings.kino_binary || "kino";
  const dir = String(settings.job_dir || "").replace(/\/+$/, "");
  if (!dir) {
    throw "job_dir is not set";
  }
  const shots = String(settings.shots || "").split(",").map(function (s) { return s.trim(); }).filter(function (s) { return s !== ""; });
  if (shots.length === 0) {
    throw "no shots to render";
  }
  for (const shot of shots) {
    if (shot.indexOf("/") >= 0 || shot.indexOf("..") >= 0) {
      throw "bad shot folder name: " + shot;
    }
    const task = author.Task(shot, "misc");
    task.addCommand(author.Command("exec", {
      exe: kino,
      args: ["render", "--request", dir + "/" + shot + "/request.json", "--out", dir + "/" + shot + "/out"],
    }));
    job.addTask(task);
  }
}
