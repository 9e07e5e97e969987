/** JMH benchmarks and the load generator. */
package org.stoa.bench;
