#!/usr/bin/env bash
# The book's two editions, strict (warnings are errors), from the notebooks' stored outputs:
#   scripts/book.sh student      _toc.yml            -> _build/html             (what `make book` builds)
#   scripts/book.sh instructor   _toc_instructor.yml -> _build/instructor/html  (`make book-instructor`)
#   scripts/book.sh both         the two at once, in two processes (the build stage of `make test`): logs in
#                                test-output/build-EDITION.log, fails if either fails and shows its log's tail
# The edition follows from the toc (book_ext/editions.py). Each build writes its own runnable-notebooks
# archive, ceasefire-notebooks.zip, at the root of its site.
set -euo pipefail
cd "$(dirname "$0")/.."
JB=${JB:-.venv/bin/jupyter-book}
FLAGS=(--warningiserror --nitpick --keep-going)

build() {
  case "$1" in
    student)
      rm -rf _build/html _build/.doctrees
      $JB build . "${FLAGS[@]}" ;;
    instructor)
      # jupyter-book writes into PATH_OUTPUT/_build/html; the site is moved up to _build/instructor/html
      rm -rf _build/instructor
      $JB build . --toc _toc_instructor.yml --path-output _build/instructor "${FLAGS[@]}"
      mv _build/instructor/_build/html _build/instructor/html ;;
    *) echo "usage: $0 student|instructor|both" >&2; exit 2 ;;
  esac
}

if [ "${1:-}" != both ]; then
  build "${1:-}"
  exit
fi

mkdir -p test-output
pids=()
build student > test-output/build-student.log 2>&1 &
pids+=($!)
# the worksheets are the same in both editions (questions and a figure, no solution): printed once, by the
# student build, and copied below once the pages are found identical
COURSE_WORKSHEETS=pages build instructor > test-output/build-instructor.log 2>&1 &
pids+=($!)
failed=0
for i in 0 1; do
  edition=$([ "$i" = 0 ] && echo student || echo instructor)
  if wait "${pids[$i]}"; then
    echo "the $edition edition built (test-output/build-$edition.log)"
  else
    failed=1
    echo "=== the $edition edition failed to build: the end of test-output/build-$edition.log"
    tail -40 "test-output/build-$edition.log"
  fi
done
[ $failed = 0 ] || exit 1
for page in _build/instructor/html/worksheets/*.html; do
  twin=_build/html/worksheets/$(basename "$page")
  cmp -s "$page" "$twin" || { echo "the editions' worksheet pages differ: $page, $twin"; exit 1; }
  cp "${twin%.html}.pdf" "${page%.html}.pdf"
done
echo "the instructor edition's worksheets: the student edition's PDFs (the same pages)"
