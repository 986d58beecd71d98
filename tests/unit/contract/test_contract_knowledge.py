"""Known values: coherent tuples first, and write operations only touch what the run created."""

from __future__ import annotations

from dnastack.contract.knowledge import Knowledge, is_write_operation, operation_label


def test_operation_label_upper_cases_the_method() -> None:
    assert operation_label("get", "/objects/{object_id}") == "GET /objects/{object_id}"


def test_write_operations_are_deletes_puts_patches_and_creating_posts() -> None:
    assert is_write_operation("DELETE /collection/{id}")
    assert is_write_operation("POST /collections")
    assert is_write_operation("POST /collections/{id}/items")
    assert not is_write_operation("POST /search")
    assert not is_write_operation("GET /collection/{id}")


def test_params_become_known_values_in_order() -> None:
    knowledge = Knowledge.from_params({"object_id": ["b", "a", "b"]})
    assert knowledge.values == {"object_id": ["b", "a"]}


def test_coherent_combos_come_before_the_cartesian_product() -> None:
    knowledge = Knowledge()
    knowledge.add_value("object_id", "o1")
    knowledge.add_combo({"object_id": "o2", "access_id": "a2"})
    knowledge.add_value("access_id", "a1")
    combos = knowledge.combos_for(["object_id", "access_id"], limit=10)
    assert combos[0] == {"object_id": "o2", "access_id": "a2"}
    assert {"object_id": "o1", "access_id": "a1"} in combos
    assert len(combos) == len({tuple(sorted(c.items())) for c in combos})


def test_combos_respect_the_limit_and_need_every_parameter() -> None:
    knowledge = Knowledge.from_params({"object_id": ["a", "b", "c"]})
    assert len(knowledge.combos_for(["object_id"], limit=2)) == 2
    assert knowledge.combos_for(["object_id", "access_id"]) == []
    assert knowledge.combos_for([]) == [{}]


def test_write_operations_get_only_owned_values_that_are_still_alive() -> None:
    knowledge = Knowledge.from_params({"id": ["existing"]})
    assert knowledge.combos_for(["id"], write=True) == []
    knowledge.add_owned("id", "mine")
    knowledge.add_owned("id", "gone")
    knowledge.release("id", "gone")
    assert knowledge.combos_for(["id"], write=True) == [{"id": "mine"}]
    assert knowledge.protected("id") == {"existing"}
    assert knowledge.summary() == {"id": ["existing", "mine", "gone"]}
