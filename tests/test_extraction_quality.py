"""Quality over the whole labelled set; thresholds fail the suite when extraction regresses."""

from tests.labelled import measure


def test_extraction_quality() -> None:
    quality = measure()
    print("\n" + quality.report())
    for problem in quality.problems:
        print("  " + problem)
    assert quality.precision >= 0.97
    assert quality.recall >= 0.97
    assert quality.date_accuracy >= 0.93
    assert quality.wrong_year == []
    assert quality.removal_rate >= 0.95
    assert quality.loss_rate <= 0.005
