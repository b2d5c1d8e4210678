"""The GitHub Actions workflow (.github/workflows/): actionlint passes, and
the rules of publishing hold: deploy only from main and only after the tests
and the build have passed, a preview artifact for pull requests, a nightly
run, and no pinned build time in what is deployed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "site.yml"


def actionlint() -> str:
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is missing: pip install -r requirements-dev.txt")
    return found


def lint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def uses(job: dict) -> list[str]:
    return [step["uses"] for step in job.get("steps", []) if "uses" in step]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def test_actionlint_passes():
    result = lint(*sorted(WORKFLOWS.glob("*.y*ml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The check above can fail: a job that needs one that does not exist."""
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8").replace("needs: [test, build]", "needs: [tset]")
    broken.write_text(text, encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    assert "tset" in result.stdout


def test_runs_on_push_pull_request_and_nightly(workflow):
    on = workflow["on"]
    assert "push" in on and "pull_request" in on
    assert on["schedule"] and on["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]


def test_tests_run_the_readme_command_and_the_build_uses_publishconf(workflow):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 bootstrap.py test" in readme
    assert "python3 bootstrap.py test" in runs(workflow["jobs"]["test"])
    # `invoke publish` builds with publishconf.py and --fatal warnings.
    assert "bootstrap.py publish --target none" in runs(workflow["jobs"]["build"])
    tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    assert "-s publishconf.py -o {output} --fatal warnings" in tasks


def test_deploy_needs_tests_and_build_and_only_runs_on_main(workflow):
    jobs = workflow["jobs"]
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"test", "build"}
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert any(u.startswith("actions/deploy-pages@") for u in uses(deploy))
    assert deploy["concurrency"]["group"] == "pages"
    # Only the deploy job may write to Pages or ask for an OIDC token.
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in jobs.items():
        if name != "deploy":
            assert "permissions" not in job, name
            assert not any(u.startswith("actions/deploy-pages@") for u in uses(job)), name


def test_pull_requests_get_a_preview_artifact(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    preview = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert preview and preview[0]["if"] == "github.event_name == 'pull_request'"
    assert preview[0]["with"]["path"] == "output/"
    pages = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert pages and "refs/heads/main" in pages[0]["if"]


def test_deployed_builds_use_the_time_of_the_build(workflow):
    """A pinned SOURCE_DATE_EPOCH would freeze "now": scheduled articles
    would never appear and finished sessions never leave the calendar."""
    # Anywhere but comments: an env: of the workflow, a job or a step, or a run: line.
    assert "SOURCE_DATE_EPOCH" not in yaml.safe_dump(workflow)


def test_pip_and_the_environment_are_cached(workflow):
    for name in ("test", "build"):
        job = workflow["jobs"][name]
        setup = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert setup[0]["with"]["cache"] == "pip", name
        assert any(u.startswith("actions/cache@") for u in uses(job)), name


def test_the_build_keeps_the_picture_cache(workflow):
    step = next(
        s
        for s in workflow["jobs"]["build"]["steps"]
        if s.get("with", {}).get("path") == ".cache/images"
    )
    assert step["uses"].startswith("actions/cache@")
    assert step["with"]["restore-keys"] == "pictures-"


def test_the_nightly_run_checks_links(workflow):
    links = workflow["jobs"]["links"]
    assert "schedule" in links["if"]
    assert "check-links --report" in runs(links)


def test_actions_are_pinned_to_a_major_version(workflow):
    for job in workflow["jobs"].values():
        for ref in uses(job):
            name, _, version = ref.partition("@")
            assert name.startswith("actions/") and version.startswith("v"), ref


def test_the_build_refuses_to_drop_a_live_address_before_pages_get_it(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    check = [i for i, s in enumerate(steps) if "check-addresses" in s.get("run", "")]
    pages = [
        i
        for i, s in enumerate(steps)
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert check and pages and check[0] < pages[0]
    assert "if" not in steps[check[0]]  # pull requests are checked too


def test_the_writer_sees_the_problem_lines_where_they_look(workflow):
    """Issue 10, point 4: a save in the web editor is a pull request; before
    the build, `check --github` (of the same settings as the build) shows
    each problem on its file and line and lists them in the run's summary."""
    steps = workflow["jobs"]["build"]["steps"]
    runs_ = [s.get("run", "") for s in steps]
    check = [i for i, r in enumerate(runs_) if "bootstrap.py check --github" in r]
    build = [i for i, r in enumerate(runs_) if "bootstrap.py publish" in r]
    assert check and build and check[0] < build[0]
    assert "--settings publishconf.py" in runs_[check[0]]
    assert "if" not in steps[check[0]]  # every event, pull requests included
    bootstrap = (ROOT / "bootstrap.py").read_text(encoding="utf-8")
    assert '"check",' in bootstrap  # bootstrap installs only the site's requirements for it


def test_the_preview_is_linked_in_the_summary(workflow, tmp_path):
    steps = workflow["jobs"]["build"]["steps"]
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    [link] = [s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert link["if"] == upload["if"] == "github.event_name == 'pull_request'"
    assert link["env"]["PREVIEW_URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"
    assert "${{" not in link["run"]  # expressions only through env (no injection)
    # actionlint knows the action's outputs: a misspelt one fails.
    broken = tmp_path / ".github" / "workflows" / "site.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("outputs.artifact-url", "outputs.artifact-link"), "utf-8")
    result = lint(broken)
    assert result.returncode == 1 and "artifact-link" in result.stdout


def test_the_build_keeps_the_content_cache(workflow):
    """content_cache.py: restored from the newest run with the same code and
    libraries (its entries are only used by those), saved by every run."""
    steps = workflow["jobs"]["build"]["steps"]
    index = next(
        i for i, s in enumerate(steps) if s.get("with", {}).get("path") == ".cache/content"
    )
    step = steps[index]
    assert step["uses"].startswith("actions/cache@")
    code = "hashFiles('requirements.txt', 'plugins/eduweb/**/*.py')"
    assert code in step["with"]["key"] and "github.run_id" in step["with"]["key"]
    prefix = step["with"]["restore-keys"]
    assert code in prefix and step["with"]["key"].startswith(prefix)
    check = next(i for i, s in enumerate(steps) if "bootstrap.py check" in s.get("run", ""))
    assert index < check


def test_the_build_keeps_the_search_shards(workflow):
    """search_index.py: entries are named by their pages' bytes, the Pagefind
    binary and the code, so the newest older cache is restored; saved by
    every run, before the build that uses it."""
    steps = workflow["jobs"]["build"]["steps"]
    index = next(i for i, s in enumerate(steps) if s.get("with", {}).get("path") == ".cache/search")
    step = steps[index]
    assert step["uses"].startswith("actions/cache@")
    assert "github.run_id" in step["with"]["key"]
    assert step["with"]["key"].startswith(step["with"]["restore-keys"])
    build = next(i for i, s in enumerate(steps) if "bootstrap.py publish" in s.get("run", ""))
    assert index < build
