"""`make lab` saves notebooks without live widget views: a real Jupyter server with the project's config."""

import json
import urllib.request

import nbformat

from widgets.contract import PLOTLY_MIME, WIDGET_MIME


def test_saving_from_jupyterlab_strips_widget_views(jupyter_lab, tmp_path):
    url, token = jupyter_lab
    nb = nbformat.v4.new_notebook(
        metadata={"widgets": {"state": {}}},
        cells=[
            nbformat.v4.new_code_cell(
                "x",
                execution_count=1,
                outputs=[
                    nbformat.v4.new_output(
                        "execute_result",
                        execution_count=1,
                        data={
                            WIDGET_MIME: {"model_id": "abc"},
                            PLOTLY_MIME: {"data": [], "layout": {}},
                            "text/plain": "Interactive figure.",
                        },
                    )
                ],
            )
        ],
    )
    body = json.dumps({"type": "notebook", "content": nb}).encode()
    request = urllib.request.Request(
        f"{url}/api/contents/saved.ipynb", data=body, method="PUT", headers={"Authorization": f"token {token}"}
    )
    urllib.request.urlopen(request, timeout=30).read()
    saved = json.loads((tmp_path / "saved.ipynb").read_text())
    data = saved["cells"][0]["outputs"][0]["data"]
    assert WIDGET_MIME not in data and PLOTLY_MIME in data
    assert "widgets" not in saved["metadata"]
