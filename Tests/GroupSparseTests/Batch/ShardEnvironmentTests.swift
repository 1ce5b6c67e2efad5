import XCTest
import GroupSparse

final class ShardEnvironmentTests: XCTestCase {
    private func detect(_ environment: [String: String], count: Int? = nil) throws -> ShardEnvironment? {
        try ShardEnvironment.detect(in: environment, completionCount: count)
    }

    func testExplicitShardsParseAndRefuseNonsense() throws {
        XCTAssertEqual(try Shard(parsing: "3/8"), try Shard(index: 3, count: 8))
        XCTAssertEqual(try Shard(parsing: "0/1"), .whole)
        for text in ["8/8", "-1/4", "1/0", "1", "a/b", "1/4/2", " 1/4", "+1/4", "1/"] {
            XCTAssertThrowsError(try Shard(parsing: text), text)
        }
    }

    func testNoEngineVariableMeansNoShard() throws {
        XCTAssertNil(try detect([:]))
        XCTAssertNil(try detect(["SLURM_JOB_ID": "12", "HOME": "/root"]))
    }

    func testSlurmUsesTheTaskCount() throws {
        let found = try detect(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
        XCTAssertEqual(found, ShardEnvironment(shard: try Shard(index: 2, count: 4), variable: "SLURM_ARRAY_TASK_ID"))
    }

    func testSlurmDerivesTheCountFromMinMaxAndStep() throws {
        let range = try detect(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "8"])
        XCTAssertEqual(range?.shard, try Shard(index: 2, count: 4))
        // --array=1-9:2 runs tasks 1, 3, 5, 7, 9.
        let stepped = try detect(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9",
                                  "SLURM_ARRAY_TASK_STEP": "2"])
        XCTAssertEqual(stepped?.shard, try Shard(index: 3, count: 5))
    }

    func testSlurmIndexListsAndMalformedValuesAreRefused() {
        // --array=1,5,7: Slurm sets count 3, min 1, max 7, and task 7 has no position 6 of 3.
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1",
                                         "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"])) { error in
            XCTAssertTrue(String(describing: error).contains("--shard"), "\(error)")
        }
        // --array=3,7: task 3 is first of the list, but nothing says it is shard 0 of 2 of the batch.
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3",
                                         "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "2"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "9",
                                         "SLURM_ARRAY_TASK_STEP": "2"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MAX": "3"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_MAX": "3"]))
        XCTAssertThrowsError(try detect(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3",
                                         "SLURM_ARRAY_TASK_STEP": "0"]))
    }

    func testKubernetesNeedsTheCompletionCount() throws {
        let environment = ["JOB_COMPLETION_INDEX": "5"]
        XCTAssertEqual(try detect(environment, count: 8),
                       ShardEnvironment(shard: try Shard(index: 5, count: 8), variable: "JOB_COMPLETION_INDEX"))
        XCTAssertThrowsError(try detect(environment)) { error in
            XCTAssertTrue(String(describing: error).contains("--shard-count"), "\(error)")
        }
        XCTAssertThrowsError(try detect(environment, count: 5))
    }

    func testAWSBatchArrays() throws {
        let found = try detect(["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "10"])
        XCTAssertEqual(found, ShardEnvironment(shard: try Shard(index: 0, count: 10), variable: "AWS_BATCH_JOB_ARRAY_INDEX"))
        XCTAssertThrowsError(try detect(["AWS_BATCH_JOB_ARRAY_INDEX": "0"]))
        XCTAssertThrowsError(try detect(["AWS_BATCH_JOB_ARRAY_INDEX": "10", "AWS_BATCH_JOB_ARRAY_SIZE": "10"]))
    }

    func testGoogleCloudBatch() throws {
        let found = try detect(["BATCH_TASK_INDEX": "3", "BATCH_TASK_COUNT": "4"])
        XCTAssertEqual(found, ShardEnvironment(shard: try Shard(index: 3, count: 4), variable: "BATCH_TASK_INDEX"))
        XCTAssertThrowsError(try detect(["BATCH_TASK_INDEX": "3", "BATCH_TASK_COUNT": "-4"]))
    }

    func testSlurmWinsOverTheOthers() throws {
        let found = try detect(["BATCH_TASK_INDEX": "0", "BATCH_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "1",
                                "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "1"], count: 2)
        XCTAssertEqual(found?.variable, "SLURM_ARRAY_TASK_ID")
        XCTAssertEqual(try detect(["BATCH_TASK_INDEX": "0", "BATCH_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "1"],
                                  count: 2)?.variable, "JOB_COMPLETION_INDEX")
    }
}
